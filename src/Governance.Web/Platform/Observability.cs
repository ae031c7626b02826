using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Serilog;
using Serilog.Formatting.Compact;

namespace Governance.Platform;

/// <summary>Structured logs (Serilog) and OpenTelemetry traces and metrics; nothing is exported unless an OTLP endpoint is set.</summary>
public static class Observability
{
    public static void AddGovernanceObservability(this WebApplicationBuilder builder)
    {
        var json = builder.Configuration.GetValue<bool>("Logging:Json");
        builder.Services.AddSerilog(logger =>
        {
            logger.ReadFrom.Configuration(builder.Configuration).Enrich.FromLogContext();
            if (json) logger.WriteTo.Console(new CompactJsonFormatter());
            else logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        });

        // The standard OTEL_EXPORTER_OTLP_ENDPOINT variable (or OpenTelemetry:OtlpEndpoint) turns export on.
        var endpoint = builder.Configuration["OpenTelemetry:OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var export = !string.IsNullOrWhiteSpace(endpoint);
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("governance-web"))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation().AddSource("Wolverine", "Marten");
                if (export) tracing.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint!));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddMeter("Wolverine", "Marten");
                if (export) metrics.AddOtlpExporter(otlp => otlp.Endpoint = new Uri(endpoint!));
            });
    }
}
