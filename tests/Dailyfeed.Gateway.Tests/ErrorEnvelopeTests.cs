using System.Text.Json;
using Dailyfeed.Gateway.Api.Envelope;
using Dailyfeed.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Dailyfeed.Gateway.Tests;

/// <summary>A 5xx body says only what a client may know, whatever message the failure carried.</summary>
public sealed class ErrorEnvelopeTests
{
    public static TheoryData<Exception> InternalFailures() => new()
    {
        new RemoteGrainException("Npgsql.PostgresException, Npgsql", "INTERNAL_ERROR", "22021: invalid byte sequence for encoding \"UTF8\": 0x00"),
        new CodedException("INTERNAL_ERROR", "Host=db;Password=secret"),
        new CodedException("SERVICE_UNAVAILABLE", "grain storage at 10.0.0.7:5432 refused: 57P01 terminating connection"),
    };

    [Theory]
    [MemberData(nameof(InternalFailures))]
    public async Task A_server_failure_answers_the_envelope_without_the_internal_message(Exception failure)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Request.Path = "/api/search/posts";
        context.Response.Body = new MemoryStream();
        var middleware = new ErrorEnvelopeMiddleware(_ => throw failure, NullLogger<ErrorEnvelopeMiddleware>.Instance);

        await middleware.InvokeAsync(context);

        context.Response.StatusCode.ShouldBeGreaterThanOrEqualTo(500);
        context.Response.Body.Position = 0;
        var body = JsonDocument.Parse(context.Response.Body).RootElement;
        body.GetProperty("resultCode").GetString().ShouldBe("FAIL");
        body.GetProperty("code").GetString().ShouldBe(((CodedException)failure).Code);
        body.GetProperty("message").GetString()!.ShouldNotContain(failure.Message);
        body.GetRawText().ShouldNotContain("22021");
        body.GetRawText().ShouldNotContain("secret");
        body.GetRawText().ShouldNotContain("10.0.0.7");
    }
}
