namespace Governance.Features.Toc;

public enum Choice { InFavour, Against, Abstain }

public enum ThresholdBase { Electorate, VotesCast }

/// <summary>How a vote is decided. Defaults are CNCF's: 66% of the electorate, open at least 2 days, 1 week long.</summary>
public sealed record VoteProfile(TimeSpan Duration, double Threshold, ThresholdBase Base, int? Quorum, TimeSpan MinimumOpen)
{
    public static readonly VoteProfile Default = new(TimeSpan.FromDays(7), 0.66, ThresholdBase.Electorate, null, TimeSpan.FromDays(2));
}

public enum VoteOutcome { Passed, Failed, EndedWithoutEffect, Cancelled }

/// <summary>A motion on a project (or a general matter) put to a binding TOC vote.</summary>
public sealed record Motion(Projects.MotionKind Kind, Guid? ProjectId, string Title);

// One stream per vote. The electorate and rules are fixed in VoteOpened; every cast and change is kept.
public sealed record VoteOpened(Guid VoteId, Motion Motion, VoteProfile Profile, IReadOnlyList<string> Electorate,
    DateTimeOffset OpenedAt, DateTimeOffset ClosesAt, string DefinitionHash);

public sealed record VoteCast(Guid VoteId, string VoterId, Choice Choice, DateTimeOffset At, string Receipt);

public sealed record VoteChanged(Guid VoteId, string VoterId, Choice From, Choice To, DateTimeOffset At, string Receipt);

/// <summary>A freeze paused the vote: its deadline moves out by the time frozen.</summary>
public sealed record VoteDeadlineExtended(Guid VoteId, DateTimeOffset ClosesAt, TimeSpan PausedInAll, string Reason);

public sealed record MeetingRequested(Guid VoteId, string MemberId, DateTimeOffset At);

public sealed record VoteClosed(Guid VoteId, VoteOutcome Outcome, int InFavour, int Against, int Abstain, int NotVoted, DateTimeOffset At, string? Reason);
