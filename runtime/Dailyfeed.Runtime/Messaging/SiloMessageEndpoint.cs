using System.Text.Json;
using Dailyfeed.Runtime.Activation;
using System.Diagnostics;
using Dailyfeed.Runtime.Serialization;
using Dailyfeed.Runtime.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dailyfeed.Runtime.Messaging;

/// <summary>The receiving end of a silo-to-silo call: decode, invoke on the local catalog, encode the outcome.</summary>
internal sealed class SiloMessageEndpoint(
    Catalog catalog,
    GrainClassRegistry classes,
    GrainSerializer serializer,
    ILogger<SiloMessageEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        GrainId grainId;
        GrainMethod method;
        object?[] args;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            (grainId, method, args) = ReadRequestOrThrow(document.RootElement);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or MissingMethodException or KeyNotFoundException)
        {
            await WriteExceptionAsync(context, ex).ConfigureAwait(false);
            return;
        }

        object? result;
        using var activity = TraceContext.StartActivity($"{method} {grainId.Type}", ActivityKind.Server, context.Request.Headers[TraceContext.Header]);
        logger.LogDebug("Grain call {Method} on {GrainId}", method, grainId);
        try
        {
            result = await method.ServerDispatch(catalog, grainId, method, args).ConfigureAwait(false);
        }
        catch (ActivationRefusedException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers[WireProtocol.OutcomeHeader] = WireProtocol.OutcomeRejected;
            return;
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "{Method} on {GrainId} threw", method, grainId);
            await WriteExceptionAsync(context, ex).ConfigureAwait(false);
            return;
        }

        context.Response.Headers[WireProtocol.OutcomeHeader] = WireProtocol.OutcomeResult;
        if (method.ResultType is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(serializer.SerializeToUtf8Bytes(result, method.ResultType)).ConfigureAwait(false);
        }
    }

    private (GrainId, GrainMethod, object?[]) ReadRequestOrThrow(JsonElement root)
    {
        var grainType = root.GetProperty(WireProtocol.GrainTypeProperty).GetString()!;
        var key = root.GetProperty(WireProtocol.GrainKeyProperty).GetString()!;
        var method = classes.GetOrThrow(grainType).Metadata.GetMethodOrThrow(root.GetProperty(WireProtocol.MethodProperty).GetString()!);
        var encodedArgs = root.GetProperty(WireProtocol.ArgumentsProperty);
        if (encodedArgs.GetArrayLength() != method.ParameterTypes.Length)
        {
            throw new InvalidOperationException($"{method} takes {method.ParameterTypes.Length} arguments, got {encodedArgs.GetArrayLength()}.");
        }

        var args = new object?[method.ParameterTypes.Length];
        var i = 0;
        foreach (var element in encodedArgs.EnumerateArray())
        {
            args[i] = element.Deserialize(method.ParameterTypes[i], serializer.Options);
            i++;
        }

        return (new GrainId(grainType, key), method, args);
    }

    private async Task WriteExceptionAsync(HttpContext context, Exception exception)
    {
        context.Response.Headers[WireProtocol.OutcomeHeader] = WireProtocol.OutcomeException;
        context.Response.ContentType = "application/json";
        var envelope = RemoteExceptionMapper.ToEnvelope(exception);
        await context.Response.Body.WriteAsync(serializer.SerializeToUtf8Bytes(envelope, typeof(ExceptionEnvelope))).ConfigureAwait(false);
    }
}
