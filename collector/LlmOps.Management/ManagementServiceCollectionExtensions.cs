using LlmOps.Management.Alerts;
using LlmOps.Management.Annotations;
using LlmOps.Management.Api;
using LlmOps.Management.Audit;
using LlmOps.Management.Data;
using LlmOps.Management.Datasets;
using LlmOps.Management.Evaluation;
using LlmOps.Management.Evaluators;
using LlmOps.Management.Jobs;
using LlmOps.Management.Prompts;
using LlmOps.Management.Settings;
using LlmOps.Processors.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LlmOps.Management;

/// <summary>Registers the management store and API: <c>services.AddLlmOpsManagement(options)</c> then <c>app.MapManagementApi()</c>.</summary>
internal static class ManagementServiceCollectionExtensions
{
    public static IServiceCollection AddLlmOpsManagement(this IServiceCollection services, ManagementStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ValidationErrors().At("management");
        new ManagementStoreOptionsValidator().Validate(options, errors);
        if (errors.HasErrors)
        {
            throw new InvalidOperationException("invalid management options: " + string.Join("; ", errors.All));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(options.Access.RunModel);
        services.AddSingleton<ManagementDatabase>(_ => options.Provider == ManagementDatabaseProvider.Postgres
            ? new PostgresManagementDatabase(options.PostgresConnectionString!)
            : new SqliteManagementDatabase(options.SqlitePath, options.SqliteAttachments, options.SqliteEvaluationLogsBySpanRow, options.SqliteCheckpointedByStore));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<AuditSearchIndex>();
        services.AddSingleton<SqlAuditLog>();
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<SqlAuditLog>());

        services.AddSingleton<SqlPromptRepository>();
        services.AddSingleton<IPromptRepository>(sp => sp.GetRequiredService<SqlPromptRepository>());
        services.AddSingleton<SqlDatasetRepository>();
        services.AddSingleton<IDatasetRepository>(sp => sp.GetRequiredService<SqlDatasetRepository>());
        services.AddSingleton<SqlAnnotationQueueRepository>();
        services.AddSingleton<IAnnotationQueueRepository>(sp => sp.GetRequiredService<SqlAnnotationQueueRepository>());
        services.AddSingleton<IAnnotationQueueSink>(sp => sp.GetRequiredService<SqlAnnotationQueueRepository>());
        services.AddSingleton<SqlEvaluatorRepository>();
        services.AddSingleton<IEvaluatorRepository>(sp => sp.GetRequiredService<SqlEvaluatorRepository>());
        services.AddSingleton<IEvaluatorRegistry>(sp => sp.GetRequiredService<SqlEvaluatorRepository>());
        services.AddSingleton<IEvaluationLogSink>(sp => sp.GetRequiredService<SqlEvaluatorRepository>());
        services.AddSingleton<SqlAlertRepository>();
        services.AddSingleton<IAlertRepository>(sp => sp.GetRequiredService<SqlAlertRepository>());
        services.AddSingleton<IAlertRuleStore>(sp => sp.GetRequiredService<SqlAlertRepository>());
        services.AddSingleton<AlertEngineBridge>();
        services.AddSingleton<SettingsChangeNotifier>();
        services.AddSingleton<ISettingsChangeNotifier>(sp => sp.GetRequiredService<SettingsChangeNotifier>());
        services.AddSingleton<SqlSettingsRepository>();
        services.AddSingleton<ISettingsRepository>(sp => sp.GetRequiredService<SqlSettingsRepository>());
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<IApiKeyAuthenticator>(sp => sp.GetRequiredService<ApiKeyService>());
        services.AddSingleton<ApiRateLimiter>();
        services.AddSingleton<IJobLease, SqlJobLease>();

        services.AddSingleton<FakeChatModel>();
        services.AddSingleton<OpenAiCompatibleChatModel>();
        services.AddSingleton<ChatModelResolver>();
        services.AddSingleton<IDatasetEvaluator, ExactMatchEvaluator>();
        services.AddSingleton<IDatasetEvaluator, TokenF1Evaluator>();
        services.AddSingleton<IDatasetEvaluator, ContainsExpectedEvaluator>();
        services.AddSingleton<IDatasetEvaluator, ContextGroundingEvaluator>();
        services.AddSingleton<SqlEvaluationRunRepository>();
        services.AddSingleton<IEvaluationRunRepository>(sp => sp.GetRequiredService<SqlEvaluationRunRepository>());
        services.AddSingleton<EvaluationRunWorker>();
        services.AddSingleton<ExampleSeeder>();
        services.AddSingleton<ManagementInitializer>();
        services.AddSingleton<ProblemEndpointFilter>();
        services.AddSingleton<ApiKeyEndpointFilter>();

        // Other /api/v1 groups (query API, console dashboard API) apply the same access rules through this key.
        services.AddKeyedSingleton<IEndpointFilter>(ApiAccess.FilterServiceKey, (sp, _) => sp.GetRequiredService<ApiKeyEndpointFilter>());

        // Order matters: migrations first, then the pollers and the run worker.
        services.AddHostedService(sp => sp.GetRequiredService<ManagementInitializer>());
        services.AddSingleton<SettingsPoller>();
        services.AddHostedService(sp => sp.GetRequiredService<SettingsPoller>());
        if (options.RunEvaluationWorker)
        {
            services.AddHostedService(sp => sp.GetRequiredService<EvaluationRunWorker>());
        }

        return services;
    }

    /// <summary>Maps every management endpoint under <c>/api/v1</c>.</summary>
    public static RouteGroupBuilder MapManagementApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1");
        var services = endpoints.ServiceProvider;
        var problems = services.GetRequiredService<ProblemEndpointFilter>();
        var keys = services.GetRequiredService<ApiKeyEndpointFilter>();
        api.AddEndpointFilter(problems);
        api.AddEndpointFilter(keys);
        PromptEndpoints.Map(api);
        DatasetEndpoints.Map(api);
        AnnotationQueueEndpoints.Map(api);
        EvaluatorEndpoints.Map(api);
        AlertEndpoints.Map(api);
        AuditEndpoints.Map(api);
        SettingsEndpoints.Map(api);
        OpenApiEndpoint.Map(api);
        api.MapFallback((HttpContext ctx) => Results.Problem(
            detail: $"no management endpoint {ctx.Request.Method} {ctx.Request.Path}",
            statusCode: StatusCodes.Status404NotFound));
        return api;
    }
}
