using System.Threading.RateLimiting;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Gateway.Api.Redis;
using Dailyfeed.Gateway.Api.Telemetry;
using Dailyfeed.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>
/// Two chained fixed-window budgets: per client IP (stops one address flooding) and per member (stops one account
/// flooding from many addresses). A rejected request gets 429 with TOO_MANY_REQUEST in the envelope. With Redis
/// configured every gateway draws from the same budgets (<see cref="SharedWindowRateLimiter"/>); without it each
/// gateway counts alone.
/// </summary>
public static class RateLimitingExtensions
{
    private const string Anonymous = "anonymous";
    private const string PerIpBudget = "ip";
    private const string PerMemberBudget = "member";

    public static IServiceCollection AddDailyfeedRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = OptionsOrThrow(configuration);
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        services.TryAddSingleton(TimeProvider.System);
        if (redis.IsConfigured)
        {
            services.AddSingleton(redis);
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<SharedBudgetStore>();
        }

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((limiter, provider) =>
        {
            var shared = provider.GetService<SharedBudgetStore>();
            var time = provider.GetRequiredService<TimeProvider>();
            var perIp = Budget(shared, time, PerIpBudget, options.PerIpPermitLimit, options);
            var perMember = Budget(shared, time, PerMemberBudget, options.PerMemberPermitLimit, options);
            var anonymous = RateLimitPartition.GetNoLimiter(Anonymous);
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    new RateLimitPartition<string>(context.Connection.RemoteIpAddress?.ToString() ?? Anonymous, perIp)),
                PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value is { } member
                        ? new RateLimitPartition<string>(member, perMember)
                        : anonymous));
            limiter.OnRejected = (context, _) =>
            {
                GatewayMetrics.RateLimitRejections.Add(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(options.Window.TotalSeconds)).ToString();
                return new ValueTask(ApiResults.Error(context.HttpContext, ErrorCodes.TooManyRequest, "Too many requests; slow down.")
                    .ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }

    /// <summary>
    /// Partitions are built from limiter factories made once: RateLimitPartition.GetFixedWindowLimiter wraps its
    /// options factory in a new closure on every call, that is, on every request. Like that helper, the in-process
    /// limiters leave replenishing to the partitioned limiter's one timer instead of a timer each.
    /// </summary>
    private static Func<string, RateLimiter> Budget(SharedBudgetStore? shared, TimeProvider time, string name, int permits, RateLimitingOptions options)
    {
        if (shared is null)
        {
            return _ => new FixedWindowRateLimiter(Window(permits, options.Window));
        }

        var budget = new SharedBudget(name, permits, options.Window, Math.Min(options.LeaseSize, permits), shared, time);
        return partition => new SharedWindowRateLimiter(budget, partition);
    }

    private static RateLimitingOptions OptionsOrThrow(IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        if (options.PerIpPermitLimit < 1 || options.PerMemberPermitLimit < 1 || options.LeaseSize < 1 || options.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"{RateLimitingOptions.Section}: PerIpPermitLimit, PerMemberPermitLimit and LeaseSize must be at least 1 and Window positive.");
        }

        return options;
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}
