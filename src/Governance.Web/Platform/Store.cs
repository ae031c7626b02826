using Governance.Features.Audit;
using Governance.Features.Membership;
using Governance.Features.Projects;
using Governance.Features.Providers;
using Governance.Features.Publishing;
using Governance.Features.Toc;
using Governance.Platform.Accounts;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Governance.Platform;

/// <summary>Marten (events, projections, documents) and Wolverine (commands, outbox, scheduling) on one PostgreSQL.</summary>
public static class Store
{
    public static void AddGovernanceStore(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(GovernanceDatabase.ConnectionName)!;
        var applyChanges = builder.Configuration.GetValue("Database:ApplyChangesOnStart", builder.Environment.IsDevelopment());

        builder.Services.AddSingleton(MembershipRulesFrom(builder.Configuration.GetSection("Membership")));
        builder.Services.AddSingleton(ProjectRules.From(builder.Configuration.GetSection("Projects")));
        builder.Services.AddSingleton(ProviderPrograms.From(builder.Configuration.GetSection("Providers")));
        builder.Services.AddSingleton(TimeProvider.System);

        var marten = builder.Services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = "governance";
                options.AutoCreateSchemaObjects = applyChanges ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                // Rich appends: inline projections and handlers see event versions and sequences, and expected
                // versions are checked the way our concurrency rules assume (stack-notes §5).
                options.Events.AppendMode = EventAppendMode.Rich;
                options.Events.MetadataConfig.EnableAll();
                options.Events.MetadataConfig.UserNameEnabled = true;

                AddReadModels(options, ProjectionLifecycle.Inline);
            })
            .UseLightweightSessions()
            // Async projections run under Wolverine's leader election, which spreads them across nodes
            // (Marten's own HotCold daemon needs the lock package the registry lacks; decision 0001).
            .IntegrateWithWolverine(integration => integration.UseWolverineManagedEventSubscriptionDistribution = true)
            .SubscribeToEvents(new PublicEventRelay(new Uri(builder.Configuration["PublicUrl"] ?? "http://localhost:5000")));
        if (applyChanges) marten.ApplyAllDatabaseChangesOnStartup();

        builder.Host.UseWolverine(options =>
        {
            // Handlers live here even when another assembly (a test or benchmark runner) is the entry point.
            options.ApplicationAssembly = typeof(Store).Assembly;
            options.Durability.Mode = DurabilityMode.Balanced;
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            options.Policies.AddMiddleware(typeof(CommandAuthorization), chain => CommandAuthorization.AppliesTo(chain.MessageType));
            WebhookHandler.Configure(builder, options);
            // Development and tests compile handlers at start; production loads code generated at build
            // time (`codegen write` in the Dockerfile) and compiles only what is missing (decision 0002).
            options.CodeGeneration.TypeLoadMode = builder.Environment.IsProduction() ? TypeLoadMode.Auto : TypeLoadMode.Dynamic;
            options.UseRuntimeCompilation();
        });

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    /// <summary>
    /// The documents the portal reads and the projections that keep them. <paramref name="inline"/> is the lifecycle of
    /// the projections that run in the command's transaction: a store that only rebuilds them passes Async.
    /// </summary>
    public static void AddReadModels(StoreOptions options, ProjectionLifecycle inline)
    {
        options.Schema.For<Account>();
        options.Schema.For<DataProtectionKeys.Key>();
        options.Schema.For<Organization>().UniqueIndex(row => row.NormalizedName).Index(row => row.Name);
        options.Projections.Add<OrganizationProjection>(inline);
        options.Projections.Add<ProjectProjection>(inline);
        options.Schema.For<Project>().UniqueIndex(p => p.Slug);
        options.Projections.Add<TocRosterProjection>(inline);
        options.Projections.Add<VoteProjection>(inline);
        options.Projections.Add<FreezeCalendarProjection>(inline);
        options.Projections.Add<WebhookProjection>(inline);
        options.Projections.Add<ProviderApplicationProjection>(inline);
        options.Projections.Add<AuditTrailProjection>(ProjectionLifecycle.Async);
        options.Projections.Add<MembershipMovementProjection>(ProjectionLifecycle.Async);
        options.Projections.Add(new MembershipSpanProjection(), ProjectionLifecycle.Async);
        options.Schema.For<MembershipSpan>().Index(s => s.From).Index(s => s.Until).Index(s => s.OrganizationId);
        options.Schema.For<MembershipMovement>().Index(m => m.EffectiveDate).Index(m => m.OrganizationId);
        options.Schema.For<AuditEntry>().Index(entry => entry.Sequence).Index(entry => entry.StreamKey);
    }

    static MembershipRules MembershipRulesFrom(IConfigurationSection section)
    {
        var rules = section.Get<MembershipRules>() ?? new MembershipRules();
        // The binder appends configured list items to the defaults; configured classes replace them instead.
        if (section.GetSection("Classes").Get<List<string>>() is { Count: > 0 } classes) rules.Classes = classes;
        return rules;
    }
}
