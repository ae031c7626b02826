namespace Governance.Platform;

/// <summary>
/// An event about something true in the world from a date that may differ from when it was recorded;
/// back-dated ones carry the reason. The audit trail and "as of" views read these two fields.
/// </summary>
public interface IEffectiveDated
{
    DateOnly EffectiveDate { get; }
    string? Reason { get; }
}
