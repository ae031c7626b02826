using System.Diagnostics;
using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Toc;
using Governance.Platform;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

namespace Governance.Testing;

/// <summary>
/// A large, old foundation written straight into the event store (Marten quick append, no projections), then every
/// projection rebuilt from it: 10 years, 10,000 organizations (most Silver; joins, renewals, tier changes and
/// departures every month; staff edits), 1,000 projects moving through the stages, a TOC of 11 on rotating terms,
/// 5,000 votes. The events are the ones the commands record, so the rebuilt read models are the real ones.
/// </summary>
public sealed record Scale(int Organizations, int Projects, int Votes, int Years, int EditsPerMemberYear)
{
    public static readonly Scale Large = new(10_000, 1_000, 5_000, 10, 22);
    public static readonly Scale Small = new(200, 40, 60, 3, 2);
}

public static class SyntheticFoundation
{
    static readonly (string Class, double Share)[] Classes =
        [("Platinum", 0.02), ("Gold", 0.05), ("Silver", 0.75), ("End User", 0.10), ("Academic", 0.04), ("Non-Profit", 0.04)];

    public sealed record Generated(long Events, TimeSpan Append, IReadOnlyList<(string Projection, TimeSpan Rebuild)> Rebuilds);

    /// <summary>Writes the foundation into <paramref name="connectionString"/> (schema "governance") and rebuilds every projection.</summary>
    public static async Task<Generated> WriteAsync(string connectionString, Scale scale, DateOnly today, int seed = 20261124)
    {
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        long events = 0;
        using (var store = DocumentStore.For(options =>
               {
                   options.Connection(connectionString);
                   options.DatabaseSchemaName = "governance";
                   options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
                   options.Events.AppendMode = EventAppendMode.Quick;
                   options.Events.MetadataConfig.EnableAll();
                   options.Events.MetadataConfig.UserNameEnabled = true;
               }))
        {
            var start = today.AddYears(-scale.Years);
            await AppendAsync(store, Organizations(scale, start, today, random));
            await AppendAsync(store, Projects(scale, start, today, random));
            await AppendAsync(store, Toc(scale, start, today, random));
        }
        var append = watch.Elapsed;

        // Rebuild every projection the portal keeps, each from the whole event store, with the portal's own registrations.
        using var rebuilder = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = "governance";
            options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
            options.Events.MetadataConfig.EnableAll();
            options.Events.MetadataConfig.UserNameEnabled = true;
            Store.AddReadModels(options, ProjectionLifecycle.Async);
        });
        await rebuilder.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        await using (var count = rebuilder.QuerySession()) events = await count.Events.QueryAllRawEvents().CountAsync();
        using var daemon = await rebuilder.BuildProjectionDaemonAsync();
        var rebuilds = new List<(string, TimeSpan)>();
        async Task RebuildAsync<T>(string name)
        {
            var rebuild = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(typeof(T), TimeSpan.FromMinutes(20), CancellationToken.None);
            rebuilds.Add((name, rebuild.Elapsed));
        }
        await RebuildAsync<OrganizationProjection>("organizations");
        await RebuildAsync<ProjectProjection>("projects");
        await RebuildAsync<TocRosterProjection>("TOC roster");
        await RebuildAsync<VoteProjection>("votes");
        await RebuildAsync<MembershipMovementProjection>("membership movements");
        await RebuildAsync<MembershipSpanProjection>("membership spans");
        await RebuildAsync<AuditTrailProjection>("audit trail");
        return new Generated(events, append, rebuilds);
    }

    /// <summary>Streams in batches of a few thousand events per transaction.</summary>
    static async Task AppendAsync(DocumentStore store, IEnumerable<(Guid Stream, object[] Events)> streams)
    {
        var session = store.LightweightSession();
        session.LastModifiedBy = "Synthetic foundation";
        var pending = 0;
        foreach (var (id, events) in streams)
        {
            session.Events.StartStream(id, events);
            if ((pending += events.Length) < 5_000) continue;
            await session.SaveChangesAsync();
            await session.DisposeAsync();
            session = store.LightweightSession();
            session.LastModifiedBy = "Synthetic foundation";
            pending = 0;
        }
        await session.SaveChangesAsync();
        await session.DisposeAsync();
    }

    static string Pick(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (name, share) in Classes)
            if ((roll -= share) < 0) return name;
        return "Silver";
    }

    static IEnumerable<(Guid, object[])> Organizations(Scale scale, DateOnly start, DateOnly today, Random random)
    {
        var months = (today.Year - start.Year) * 12 + today.Month - start.Month;
        for (var i = 0; i < scale.Organizations; i++)
        {
            var id = Guid.CreateVersion7();
            var joined = start.AddMonths(random.Next(months)).AddDays(random.Next(28));
            var memberClass = Pick(random);
            List<object> events =
            [
                new OrganizationRegistered(id, $"Synthetic Organization {i:D5}", $"https://org{i}.example"),
                new MemberJoined(id, memberClass, joined, joined.AddYears(1), null),
            ];
            for (var termEnd = joined.AddYears(1); termEnd <= today; termEnd = termEnd.AddYears(1))
            {
                for (var e = 0; e < scale.EditsPerMemberYear; e++)
                    events.Add(e % 2 == 0
                        ? new ContactsChanged(id, new Contact($"Contact {e}", $"c{e}@org{i}.example"), null, null)
                        : new OrganizationDetailsChanged(id, $"Synthetic Organization {i:D5}", $"https://org{i}.example", "US", null, memberClass == "End User"));
                if (random.NextDouble() < 0.06)
                {
                    events.Add(new MemberLeft(id, memberClass, termEnd, "Did not renew"));
                    break;
                }
                if (random.NextDouble() < 0.05)
                {
                    var to = memberClass == "Silver" ? "Gold" : "Silver";
                    events.Add(new TierChanged(id, memberClass, to, to == "Gold" ? TierDirection.Upgrade : TierDirection.Downgrade, termEnd, null));
                    memberClass = to;
                }
                events.Add(new MembershipRenewed(id, memberClass, termEnd, termEnd.AddYears(1), false, termEnd, null));
            }
            yield return (id, events.ToArray());
        }
    }

    static IEnumerable<(Guid, object[])> Projects(Scale scale, DateOnly start, DateOnly today, Random random)
    {
        var days = today.DayNumber - start.DayNumber;
        for (var i = 0; i < scale.Projects; i++)
        {
            var id = Guid.CreateVersion7();
            var applied = start.AddDays(random.Next(days));
            var name = $"Synthetic Project {i:D4}";
            List<object> events = [new ProjectApplied(id, name, ApplyProjectHandler.SlugOf(name), "A synthetic project", null, null, ProjectStage.Sandbox, AppliedOn: applied)];
            var on = applied.AddDays(30 + random.Next(120));
            if (on < today && random.NextDouble() < 0.8)
            {
                events.Add(new ProjectAcceptedIntoSandbox(id, on, null, "synthetic"));
                var stage = ProjectStage.Sandbox;
                foreach (var (next, chance) in new[] { (ProjectStage.Incubating, 0.3), (ProjectStage.Graduated, 0.4) })
                {
                    var later = on.AddDays(300 + random.Next(900));
                    if (later >= today || random.NextDouble() > chance) break;
                    events.Add(next == ProjectStage.Incubating ? new ProjectMovedToIncubation(id, later, null, "synthetic") : new ProjectGraduated(id, later, null, "synthetic"));
                    (on, stage) = (later, next);
                }
                if (stage == ProjectStage.Graduated || random.NextDouble() < 0.3)
                    events.Add(new SecurityAuditRecorded(id, on, "Synthetic Audits", $"https://audits.example/{i}.pdf", "security"));
                var archived = on.AddDays(200 + random.Next(900));
                if (archived < today && random.NextDouble() < 0.1) events.Add(new ProjectArchived(id, stage, archived, null, "synthetic"));
            }
            else if (random.NextDouble() < 0.5) events.Add(new ApplicationDeclined(id, "Not ready yet"));
            yield return (id, events.ToArray());
        }
    }

    /// <summary>The roster (11 seats, two-year terms renewed in rotation) and the votes, each with its ballots and close.</summary>
    static IEnumerable<(Guid, object[])> Toc(Scale scale, DateOnly start, DateOnly today, Random random)
    {
        List<object> roster = [];
        for (var seat = 0; seat < 11; seat++)
            for (var term = start.AddMonths(seat * 2); term <= today; term = term.AddYears(2))
                roster.Add(new TocMemberSeated(TocRoster.StreamId, $"toc{seat}-{term.Year}@synthetic", $"TOC {seat} ({term.Year})", (SelectedBy)(seat % 4), term, term.AddYears(2).AddDays(-1)));
        yield return (TocRoster.StreamId, roster.ToArray());

        var seconds = (today.DayNumber - start.DayNumber) * 86_400L;
        for (var v = 0; v < scale.Votes; v++)
        {
            var id = Guid.CreateVersion7();
            var opened = new DateTimeOffset(start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddSeconds(random.NextInt64(seconds - 8 * 86_400));
            var electorate = Enumerable.Range(0, 11).Select(s => $"toc{s}@synthetic").ToList();
            var motion = new Motion(MotionKind.General, null, $"Synthetic motion {v}");
            var receipt = Vote.DefinitionHashOf(motion, VoteProfile.Default, electorate, opened, opened.AddDays(7));
            List<object> events = [new VoteOpened(id, motion, VoteProfile.Default, electorate, opened, opened.AddDays(7), receipt)];
            var tally = new Dictionary<Choice, int>();
            foreach (var voter in electorate.Where(_ => random.NextDouble() < 0.85))
            {
                var choice = random.NextDouble() < 0.75 ? Choice.InFavour : random.NextDouble() < 0.5 ? Choice.Against : Choice.Abstain;
                var at = opened.AddHours(1 + random.Next(100));
                receipt = Vote.Receipt(id, voter, choice, at, receipt);
                events.Add(new VoteCast(id, voter, choice, at, receipt));
                tally[choice] = tally.GetValueOrDefault(choice) + 1;
            }
            var inFavour = tally.GetValueOrDefault(Choice.InFavour);
            var cast = tally.Values.Sum();
            events.Add(new VoteClosed(id, inFavour >= 8 ? VoteOutcome.Passed : VoteOutcome.Failed, inFavour, tally.GetValueOrDefault(Choice.Against),
                tally.GetValueOrDefault(Choice.Abstain), 11 - cast, opened.AddDays(7), null));
            yield return (id, events.ToArray());
        }
    }
}
