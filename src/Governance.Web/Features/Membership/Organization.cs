using Governance.Platform;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Governance.Features.Membership;

/// <summary>Derived from dates as membership CRMs do (CiviCRM): never stored, so it can't go stale.</summary>
public enum MembershipStatus { None, New, Current, Grace, Expired, Left }

/// <summary>
/// An organization's membership as it stands on some day: today (<see cref="Organization"/>) or a past day
/// (<see cref="MembershipSpan"/>). The directory's filters and the status rules run over either.
/// </summary>
public abstract class MembershipStanding
{
    public string Name { get; set; } = "";
    public string? Website { get; set; }
    /// <summary>The class of the current or last membership; null if it never joined.</summary>
    public string? MemberClass { get; set; }
    /// <summary>When the current membership began (a rejoin starts a new one).</summary>
    public DateOnly? JoinedOn { get; set; }
    public DateOnly? TermEnd { get; set; }
    public DateOnly? LeftOn { get; set; }
    public bool Lapsed { get; set; }
    public MembershipStatus? OverrideStatus { get; set; }
    public DateOnly? OverrideUntil { get; set; }
    public string? OverrideReason { get; set; }

    /// <summary>Has a membership that has not ended by leaving or lapsing.</summary>
    public bool IsMember => MemberClass is not null && LeftOn is null && !Lapsed;

    public const int NewForMonths = 3;
    public const int GraceMonths = 1;

    public MembershipStatus StatusOn(DateOnly day)
    {
        if (OverrideStatus is { } overridden && OverrideUntil >= day) return overridden;
        if (MemberClass is null || JoinedOn is null) return MembershipStatus.None;
        if (LeftOn is { } left && left <= day) return MembershipStatus.Left;
        if (day < JoinedOn.Value.AddMonths(NewForMonths)) return MembershipStatus.New;
        if (day <= TermEnd) return MembershipStatus.Current;
        if (day <= TermEnd!.Value.AddMonths(GraceMonths)) return MembershipStatus.Grace;
        return MembershipStatus.Expired;
    }
}

/// <summary>
/// An organization and its current membership: the state membership commands decide on, and the row the
/// directory lists. Kept by an inline projection, so it is current the moment a command commits.
/// </summary>
public sealed class Organization : MembershipStanding, IChangeTracked
{
    string IChangeTracked.DisplayName => Name;

    public Guid Id { get; set; }
    /// <summary>Unique (index in Platform/Store.cs): the database itself refuses a second organization of the same name.</summary>
    public string NormalizedName { get; set; } = "";
    public string? Country { get; set; }
    public string? LogoUrl { get; set; }
    public bool IsEndUser { get; set; }
    public Contact? PrimaryContact { get; set; }
    public Contact? BillingContact { get; set; }
    public Contact? BoardRepresentative { get; set; }

    public long Version { get; set; }
    public string? LastChangedBy { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }
}

public sealed partial class OrganizationProjection : SingleStreamProjection<Organization, Guid>
{
    public static Organization Create(IEvent<OrganizationRegistered> e) => Touch(new Organization
    {
        Id = e.Data.OrganizationId,
        Name = e.Data.Name,
        NormalizedName = MembershipRules.NormalizeName(e.Data.Name),
        Website = e.Data.Website,
    }, e);

    public static Organization Apply(IEvent<OrganizationDetailsChanged> e, Organization o)
    {
        o.Name = e.Data.Name;
        o.NormalizedName = MembershipRules.NormalizeName(e.Data.Name);
        o.Website = e.Data.Website;
        o.Country = e.Data.Country;
        o.LogoUrl = e.Data.LogoUrl;
        o.IsEndUser = e.Data.IsEndUser;
        return Touch(o, e);
    }

    public static Organization Apply(IEvent<ContactsChanged> e, Organization o)
    {
        o.PrimaryContact = e.Data.Primary;
        o.BillingContact = e.Data.Billing;
        o.BoardRepresentative = e.Data.BoardRepresentative;
        return Touch(o, e);
    }

    public static Organization Apply(IEvent<MemberJoined> e, Organization o) =>
        Touch(StartMembership(o, e.Data.MemberClass, e.Data.EffectiveDate, e.Data.TermEnd), e);

    public static Organization Apply(IEvent<MemberRejoined> e, Organization o) =>
        Touch(StartMembership(o, e.Data.MemberClass, e.Data.EffectiveDate, e.Data.TermEnd), e);

    public static Organization Apply(IEvent<TierChanged> e, Organization o)
    {
        o.MemberClass = e.Data.ToClass;
        return Touch(o, e);
    }

    public static Organization Apply(IEvent<MembershipRenewed> e, Organization o)
    {
        if (e.Data.AfterLapse) o.JoinedOn = e.Data.TermStart;
        o.TermEnd = e.Data.TermEnd;
        o.Lapsed = false;
        return Touch(o, e);
    }

    public static Organization Apply(IEvent<MembershipLapsed> e, Organization o)
    {
        o.Lapsed = true;
        return Touch(o, e);
    }

    public static Organization Apply(IEvent<MemberLeft> e, Organization o)
    {
        o.LeftOn = e.Data.EffectiveDate;
        return Touch(o, e);
    }

    public static Organization Apply(IEvent<MembershipStatusOverridden> e, Organization o)
    {
        o.OverrideStatus = e.Data.Status;
        o.OverrideUntil = e.Data.Until;
        o.OverrideReason = e.Data.Reason;
        return Touch(o, e);
    }

    /// <summary>Only the current membership's start and end are kept here; every corrected date moves its movement row.</summary>
    public static Organization Apply(IEvent<MembershipDateCorrected> e, Organization o)
    {
        if (e.Data.Fact is "Member joined" or "Member rejoined" && o.JoinedOn == e.Data.From) o.JoinedOn = e.Data.EffectiveDate;
        if (e.Data.Fact == "Member left" && o.LeftOn == e.Data.From) o.LeftOn = e.Data.EffectiveDate;
        return Touch(o, e);
    }

    static Organization StartMembership(Organization o, string memberClass, DateOnly from, DateOnly termEnd)
    {
        o.MemberClass = memberClass;
        o.JoinedOn = from;
        o.TermEnd = termEnd;
        o.LeftOn = null;
        o.Lapsed = false;
        return o;
    }

    // Who changed it last and when come from the event's metadata, so a concurrent edit can be reported by name.
    static Organization Touch(Organization o, IEvent e)
    {
        o.Version = e.Version;
        o.LastChangedBy = e.UserName;
        o.LastChangedAt = e.Timestamp;
        return o;
    }
}

public static class OrganizationQueries
{
    /// <summary>Current members per class, in the foundation's class order.</summary>
    public static async Task<IReadOnlyList<(string MemberClass, int Count)>> CountByClassAsync(
        this IQuerySession session, MembershipRules rules, CancellationToken cancellation = default)
    {
        var classes = await session.Query<Organization>()
            .Where(o => o.MemberClass != null && o.LeftOn == null && !o.Lapsed)
            .Select(o => o.MemberClass!)
            .ToListAsync(cancellation);
        var counts = classes.CountBy(c => c).ToDictionary();
        return rules.Classes.Select(c => (c, counts.GetValueOrDefault(c))).ToList();
    }
}
