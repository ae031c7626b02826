using System.Linq.Expressions;
using Marten;
using Marten.Pagination;

namespace Governance.Features.Membership;

public enum DirectorySort { Name, MemberClass, JoinedOn, TermEnd }

/// <summary>
/// The directory's search, filters, sort and page, run in the database: status is derived from dates on the fly
/// (the same rules as <see cref="Organization.StatusOn"/>), so no stored status goes stale.
/// </summary>
public sealed record DirectoryQuery(string? Search = null, string? MemberClass = null, MembershipStatus? Status = null,
    DirectorySort Sort = DirectorySort.Name, bool Descending = false, int Page = 1, int PageSize = 25, DateOnly? AsOf = null)
{
    public sealed record Result(IReadOnlyList<Organization> Items, long Total);

    /// <summary>
    /// Today's directory pages the organizations; as of a past day, the membership spans covering it
    /// (<see cref="MembershipSpan"/>). The same filters and sort run in the database over either.
    /// </summary>
    public async Task<Result> PageAsync(IQuerySession session, DateOnly today, CancellationToken cancellation)
    {
        var (page, size) = (Math.Max(1, Page), Math.Clamp(PageSize, 1, 200));
        if (AsOf is { } day)
        {
            var then = await Filtered(session.Query<MembershipSpan>().On(day), day).ToPagedListAsync(page, size, cancellation);
            return new Result(then.Select(s => s.ToOrganization()).ToList(), then.TotalItemCount);
        }
        var paged = await Filtered(session.Query<Organization>(), today).ToPagedListAsync(page, size, cancellation);
        return new Result(paged.ToList(), paged.TotalItemCount);
    }

    IQueryable<T> Filtered<T>(IQueryable<T> query, DateOnly today) where T : MembershipStanding
    {
        if (!string.IsNullOrWhiteSpace(Search)) query = query.Where(o => o.Name.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));
        if (!string.IsNullOrWhiteSpace(MemberClass)) query = query.Where(o => o.MemberClass == MemberClass);
        if (Status is { } status) query = WithStatus(query, status, today);
        query = (Sort, Descending) switch
        {
            (DirectorySort.MemberClass, false) => query.OrderBy(o => o.MemberClass).ThenBy(o => o.Name),
            (DirectorySort.MemberClass, true) => query.OrderByDescending(o => o.MemberClass).ThenBy(o => o.Name),
            (DirectorySort.JoinedOn, false) => query.OrderBy(o => o.JoinedOn).ThenBy(o => o.Name),
            (DirectorySort.JoinedOn, true) => query.OrderByDescending(o => o.JoinedOn).ThenBy(o => o.Name),
            (DirectorySort.TermEnd, false) => query.OrderBy(o => o.TermEnd).ThenBy(o => o.Name),
            (DirectorySort.TermEnd, true) => query.OrderByDescending(o => o.TermEnd).ThenBy(o => o.Name),
            (_, false) => query.OrderBy(o => o.Name),
            (_, true) => query.OrderByDescending(o => o.Name),
        };
        return query;
    }

    static IQueryable<T> WithStatus<T>(IQueryable<T> query, MembershipStatus status, DateOnly today) where T : MembershipStanding
    {
        var newSince = today.AddMonths(-MembershipStanding.NewForMonths);
        var graceSince = today.AddMonths(-MembershipStanding.GraceMonths);
        Expression<Func<T, bool>> byDates = status switch
        {
            MembershipStatus.None => o => o.MemberClass == null,
            MembershipStatus.Left => o => o.LeftOn != null && o.LeftOn <= today,
            MembershipStatus.New => o => o.MemberClass != null && o.LeftOn == null && o.JoinedOn > newSince,
            MembershipStatus.Current => o => o.MemberClass != null && o.LeftOn == null && o.JoinedOn <= newSince && o.TermEnd >= today,
            MembershipStatus.Grace => o => o.MemberClass != null && o.LeftOn == null && o.JoinedOn <= newSince && o.TermEnd < today && o.TermEnd >= graceSince,
            _ => o => o.MemberClass != null && o.LeftOn == null && o.JoinedOn <= newSince && o.TermEnd < graceSince,
        };
        Expression<Func<T, bool>> overridden = o => o.OverrideUntil != null && o.OverrideUntil >= today && o.OverrideStatus == status;
        Expression<Func<T, bool>> notOverridden = o => o.OverrideUntil == null || o.OverrideUntil < today;

        // An override in force decides the status; otherwise the dates do.
        var o = byDates.Parameters[0];
        var body = Expression.OrElse(On(overridden, o), Expression.AndAlso(On(notOverridden, o), byDates.Body));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, o));
    }

    static Expression On(LambdaExpression predicate, ParameterExpression parameter) =>
        new Rebind(predicate.Parameters[0], parameter).Visit(predicate.Body);

    sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
