using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Marten.Events.Aggregation;

namespace Governance.Features.Toc;

/// <summary>A vote's state: its fixed electorate and profile, each voter's counted choice, the receipt chain.</summary>
public sealed class Vote
{
    public Guid Id { get; set; }
    public Motion Motion { get; set; } = default!;
    public VoteProfile Profile { get; set; } = VoteProfile.Default;
    public List<string> Electorate { get; set; } = [];
    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }
    /// <summary>Time spent paused by freeze windows, already added to <see cref="ClosesAt"/>.</summary>
    public TimeSpan Paused { get; set; }
    public string DefinitionHash { get; set; } = "";
    public Dictionary<string, Choice> Ballots { get; set; } = [];
    public string LastReceipt { get; set; } = "";
    public List<string> MeetingRequests { get; set; } = [];
    public VoteOutcome? Outcome { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    public bool IsOpen => Outcome is null;
    public int InFavour => Ballots.Values.Count(c => c == Choice.InFavour);
    public int Against => Ballots.Values.Count(c => c == Choice.Against);
    public int Abstain => Ballots.Values.Count(c => c == Choice.Abstain);
    public int NotVoted => Electorate.Count - Ballots.Count;

    /// <summary>
    /// Passed when in-favour votes reach the threshold of the base (all allowed voters by default, as CNCF's bot
    /// counts: abstaining and not voting both count as not in favour), with the quorum met if one is set.
    /// </summary>
    public bool Passes => QuorumMet && InFavour >= Needed;

    /// <summary>In-favour votes needed: the threshold of the base, rounded up (66% of 11 → 8).</summary>
    public int Needed
    {
        get
        {
            var @base = Profile.Base == ThresholdBase.Electorate ? Electorate.Count : Ballots.Count;
            return Math.Max(1, (int)Math.Ceiling(Math.Round(@base * Profile.Threshold, 6)));
        }
    }

    bool QuorumMet => Profile.Quorum is not { } quorum || Ballots.Count >= quorum;

    /// <summary>Even if every voter who has not voted yet votes in favour, the electorate threshold cannot be met.</summary>
    public bool Unreachable => Profile.Base == ThresholdBase.Electorate && InFavour + NotVoted < Needed;

    public static string Receipt(Guid voteId, string voterId, Choice choice, DateTimeOffset at, string previous) =>
        Hash($"{voteId}|{voterId}|{choice}|{at:O}|{previous}");

    public static string DefinitionHashOf(Motion motion, VoteProfile profile, IEnumerable<string> electorate, DateTimeOffset openedAt, DateTimeOffset closesAt) =>
        Hash(JsonSerializer.Serialize(new { motion, profile, electorate = electorate.Order(StringComparer.Ordinal), openedAt, closesAt }));

    static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}

public sealed partial class VoteProjection : SingleStreamProjection<Vote, Guid>
{
    public static Vote Create(VoteOpened e) => new()
    {
        Id = e.VoteId, Motion = e.Motion, Profile = e.Profile, Electorate = [.. e.Electorate], OpenedAt = e.OpenedAt,
        ClosesAt = e.ClosesAt, DefinitionHash = e.DefinitionHash, LastReceipt = e.DefinitionHash,
    };

    public static Vote Apply(VoteCast e, Vote vote)
    {
        vote.Ballots[e.VoterId] = e.Choice;
        vote.LastReceipt = e.Receipt;
        return vote;
    }

    public static Vote Apply(VoteChanged e, Vote vote)
    {
        vote.Ballots[e.VoterId] = e.To;
        vote.LastReceipt = e.Receipt;
        return vote;
    }

    public static Vote Apply(VoteDeadlineExtended e, Vote vote)
    {
        (vote.ClosesAt, vote.Paused) = (e.ClosesAt, e.PausedInAll);
        return vote;
    }

    public static Vote Apply(MeetingRequested e, Vote vote)
    {
        vote.MeetingRequests.Add(e.MemberId);
        return vote;
    }

    public static Vote Apply(VoteClosed e, Vote vote)
    {
        vote.Outcome = e.Outcome;
        vote.ClosedAt = e.At;
        return vote;
    }
}
