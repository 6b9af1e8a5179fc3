using System.Text.Json;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>A 5xx body says only what a client may know, whatever message the failure carried.</summary>
public sealed class ErrorEnvelopeTests
{
    /// <summary>The one message every outage answers with: retrying is all a client can do.</summary>
    private const string OutageMessage = "The service is temporarily unavailable; please retry.";

    private const string UnexpectedMessage = "An unexpected error occurred.";

    public static TheoryData<Exception> InternalFailures() => new()
    {
        // How Orleans hands the gateway a grain's exception it cannot rebuild (a driver's, say): type name and message.
        new UnavailableExceptionFallbackException(
            $"22021: invalid byte sequence for encoding \"UTF8\" at {ClusterOutages.InternalAddress}", innerException: null!),
        new CodedException("INTERNAL_ERROR", $"Host=db;{ClusterOutages.Secret}"),
        new InvalidOperationException($"connection to {ClusterOutages.InternalAddress} failed ({ClusterOutages.Secret})"),
    };

    public static TheoryData<Exception> Outages() => ClusterOutages.All();

    [Theory]
    [MemberData(nameof(InternalFailures))]
    public async Task An_unexpected_failure_answers_500_without_the_internal_message(Exception failure)
    {
        var (status, body) = await AnswerAsync(failure);

        status.ShouldBe(StatusCodes.Status500InternalServerError);
        body.GetProperty("resultCode").GetString().ShouldBe("FAIL");
        body.GetProperty("code").GetString().ShouldBe("INTERNAL_ERROR");
        body.GetProperty("message").GetString().ShouldBe(UnexpectedMessage);
        ShouldHoldNoInternalText(body, failure);
    }

    [Theory]
    [MemberData(nameof(Outages))]
    public async Task An_outage_answers_503_service_unavailable_with_a_fixed_message(Exception failure)
    {
        var (status, body) = await AnswerAsync(failure);

        status.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        body.GetProperty("resultCode").GetString().ShouldBe("FAIL");
        body.GetProperty("code").GetString().ShouldBe("SERVICE_UNAVAILABLE");
        body.GetProperty("message").GetString().ShouldBe(OutageMessage);
        ShouldHoldNoInternalText(body, failure);
    }

    private static async Task<(int Status, JsonElement Body)> AnswerAsync(Exception failure)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = "/api/search/posts";
        context.Response.Body = new MemoryStream();
        var middleware = new ErrorEnvelopeMiddleware(_ => throw failure, NullLogger<ErrorEnvelopeMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, JsonDocument.Parse(context.Response.Body).RootElement.Clone());
    }

    private static void ShouldHoldNoInternalText(JsonElement body, Exception failure)
    {
        var raw = body.GetRawText();
        raw.ShouldNotContain(failure.Message);
        raw.ShouldNotContain(ClusterOutages.InternalAddress);
        raw.ShouldNotContain(ClusterOutages.Secret);
        raw.ShouldNotContain("22021");
    }
}
