using Governance.Features.Membership;

namespace Governance.Tests.Membership;

public class BoardSeatRules
{
    [Theory]
    [InlineData(17, 17, 582, 17, 3, 3)] // the 2026 CNCF snapshot: capped at three Gold and three Silver seats
    [InlineData(2, 4, 9, 2, 0, 0)]      // below one Gold in five and one Silver in ten: no elected seat
    [InlineData(0, 5, 10, 0, 1, 1)]
    [InlineData(0, 14, 29, 0, 2, 2)]
    public void Seats_follow_the_charter(int platinum, int gold, int silver, int platinumSeats, int goldSeats, int silverSeats) =>
        Assert.Equal(new BoardSeats.Entitlement(platinumSeats, goldSeats, silverSeats), BoardSeats.For(platinum, gold, silver));
}

public class MembershipHistoryRules
{
    static MembershipMovement Move(MovementKind kind, string? from, string? to, string on) =>
        new() { Id = Guid.NewGuid(), Kind = kind, FromClass = from, ToClass = to, EffectiveDate = DateOnly.Parse(on) };

    static readonly MembershipMovement[] Movements =
    [
        Move(MovementKind.Joined, null, "Silver", "2020-02-10"),
        Move(MovementKind.Joined, null, "Gold", "2020-05-01"),
        Move(MovementKind.Upgraded, "Silver", "Gold", "2021-01-15"),
        Move(MovementKind.Renewed, "Gold", "Gold", "2021-05-01"),
        Move(MovementKind.Left, "Gold", null, "2022-03-01"),
        Move(MovementKind.Renewed, null, "Gold", "2023-06-01"), // after a lapse: a member again
    ];

    [Theory]
    [InlineData("2020-01-31", 0, 0)]
    [InlineData("2020-06-30", 1, 1)]
    [InlineData("2021-06-30", 0, 2)]
    [InlineData("2022-03-01", 0, 1)]
    [InlineData("2023-06-01", 0, 2)]
    public void Counts_on_a_date_follow_effective_dates(string day, int silver, int gold)
    {
        var counts = MembershipHistory.CountsOn(Movements, DateOnly.Parse(day));
        Assert.Equal((silver, gold), (counts.GetValueOrDefault("Silver"), counts.GetValueOrDefault("Gold")));
    }

    [Fact]
    public void Quarters_tell_joins_upgrades_and_departures_apart_from_renewals() =>
        Assert.Equal(
            [("2023 Q2", 1, 0, 0, 0), ("2022 Q1", 0, 0, 0, 1), ("2021 Q2", 0, 0, 0, 0), ("2021 Q1", 0, 1, 0, 0), ("2020 Q2", 1, 0, 0, 0), ("2020 Q1", 1, 0, 0, 0)],
            MembershipHistory.ByQuarter(Movements));

    [Theory]
    [InlineData("2020-01-31", null, null, null)]
    [InlineData("2020-03-01", "Silver", "2020-02-10", "2021-02-09")]
    [InlineData("2021-01-15", "Gold", "2020-02-10", "2021-02-09")]
    [InlineData("2021-06-01", "Gold", "2020-02-10", "2022-02-09")]
    [InlineData("2022-04-01", null, "2020-02-10", "2022-02-09")]
    [InlineData("2022-06-01", "Gold", "2022-06-01", "2023-05-31")]
    [InlineData("2023-01-01", "Gold", "2022-06-01", "2023-05-31")]
    public void An_organization_as_of_a_day_is_the_span_of_its_history_covering_it(string day, string? member, string? since, string? termEnd)
    {
        var id = Guid.NewGuid();
        MembershipMovement Move(long sequence, MovementKind kind, string? from, string? to, string on, string? termStart = null, string? end = null) => new()
        {
            Id = Guid.NewGuid(), OrganizationId = id, Sequence = sequence, Kind = kind, FromClass = from, ToClass = to, EffectiveDate = DateOnly.Parse(on),
            TermStart = termStart is null ? null : DateOnly.Parse(termStart), TermEnd = end is null ? null : DateOnly.Parse(end),
        };
        MembershipMovement[] movements =
        [
            Move(5, MovementKind.Renewed, null, "Gold", "2022-06-01", "2022-06-01", "2023-05-31"), // after the lapse: a new membership
            Move(1, MovementKind.Joined, null, "Silver", "2020-02-10", "2020-02-10", "2021-02-09"),
            Move(2, MovementKind.Upgraded, "Silver", "Gold", "2021-01-15"),
            Move(3, MovementKind.Renewed, "Gold", "Gold", "2021-02-01", "2021-02-10", "2022-02-09"),
            Move(4, MovementKind.Lapsed, "Gold", null, "2022-03-10"),
        ];
        var timeline = new MembershipTimeline { Id = id, Name = "Folded Finch", Movements = [.. movements] };
        var spans = timeline.Spans();
        var d = DateOnly.Parse(day);
        var then = spans.AsQueryable().On(d).SingleOrDefault();
        Assert.Equal(member, then is { IsMember: true } ? then.MemberClass : null);
        Assert.Equal((since, termEnd), (then?.JoinedOn?.ToString("yyyy-MM-dd"), then?.TermEnd?.ToString("yyyy-MM-dd")));
        Assert.Equal(movements.Length, spans.Count);
        Assert.All(spans, s => Assert.Equal("Folded Finch", s.Name));
    }
}
