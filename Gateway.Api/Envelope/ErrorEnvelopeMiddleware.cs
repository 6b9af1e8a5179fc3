using System.Text.Json;
using Dailyfeed.Gateway.Api.Fallbacks;
using Dailyfeed.Grains.Abstractions.Errors;

namespace Dailyfeed.Gateway.Api.Envelope;

/// <summary>
/// Turns every failure into the error envelope: domain errors keep their code and status, malformed requests are
/// 400s, an unavailable cluster is a 503, anything else a 500 whose details stay in the log.
/// </summary>
public sealed class ErrorEnvelopeMiddleware(RequestDelegate next, ILogger<ErrorEnvelopeMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var (code, message) = Classify(ex);
            if (ApiResults.StatusOf(code) >= StatusCodes.Status500InternalServerError)
            {
                logger.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            await ApiResults.Error(context, code, message).ExecuteAsync(context);
        }
    }

    private static (string Code, string Message) Classify(Exception exception) => exception switch
    {
        DomainException domain => (domain.Code, domain.Message),
        BadHttpRequestException or JsonException => (ErrorCodes.InvalidRequest, "The request body or parameters are malformed."),
        _ when ClusterOutage.Is(exception) => (ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable; please retry."),
        _ => (ErrorCodes.InternalError, "An unexpected error occurred."),
    };
}
