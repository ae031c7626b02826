namespace Governance.Features.Membership;

/// <summary>
/// Governing Board seats the member classes are entitled to (CNCF charter §4, §5(c)): each Platinum member
/// appoints one; Gold members elect one per five Gold members, at most three; Silver one per ten, at most three.
/// </summary>
public static class BoardSeats
{
    public sealed record Entitlement(int Platinum, int Gold, int Silver)
    {
        public int Total => Platinum + Gold + Silver;
    }

    public static Entitlement For(int platinumMembers, int goldMembers, int silverMembers) =>
        new(platinumMembers, Math.Min(3, goldMembers / 5), Math.Min(3, silverMembers / 10));

    public static Entitlement For(IReadOnlyDictionary<string, int> membersByClass) =>
        For(membersByClass.GetValueOrDefault("Platinum"), membersByClass.GetValueOrDefault("Gold"), membersByClass.GetValueOrDefault("Silver"));
}
