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
