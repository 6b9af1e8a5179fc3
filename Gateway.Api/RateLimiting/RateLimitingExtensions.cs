using System.Threading.RateLimiting;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Gateway.Api.Telemetry;
using Dailyfeed.Grains.Abstractions.Errors;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Dailyfeed.Gateway.Api.RateLimiting;

/// <summary>
/// Two chained fixed-window budgets: per client IP (stops one address flooding) and per member (stops one account
/// flooding from many addresses). A rejected request gets 429 with TOO_MANY_REQUEST in the envelope.
/// </summary>
public static class RateLimitingExtensions
{
    private const string Anonymous = "anonymous";

    public static IServiceCollection AddDailyfeedRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        // Partitions are built from limiter factories made once: RateLimitPartition.GetFixedWindowLimiter wraps its
        // options factory in a new closure on every call, that is, on every request. Like that helper, the limiters
        // leave replenishing to the partitioned limiter's one timer instead of a timer each.
        Func<string, RateLimiter> perIp = _ => new FixedWindowRateLimiter(Window(options.PerIpPermitLimit, options.Window));
        Func<string, RateLimiter> perMember = _ => new FixedWindowRateLimiter(Window(options.PerMemberPermitLimit, options.Window));
        var anonymous = RateLimitPartition.GetNoLimiter(Anonymous);
        services.AddRateLimiter(limiter =>
        {
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

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}
