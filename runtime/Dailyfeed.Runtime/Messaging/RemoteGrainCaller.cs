using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dailyfeed.Runtime.Activation;
using Dailyfeed.Runtime.Membership;
using Dailyfeed.Runtime.Serialization;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Runtime.Messaging;

/// <summary>Sends one grain call to another silo over a pooled HTTP/2 (h2c) connection and reads the outcome.</summary>
internal sealed class RemoteGrainCaller : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpMessageInvoker _http;
    private readonly GrainSerializer _serializer;

    public RemoteGrainCaller(GrainSerializer serializer, IOptions<MessagingOptions> options)
    {
        _serializer = serializer;
        // HttpMessageInvoker, not HttpClient: the call path has its own deadline, so HttpClient's timeout layer is pure cost.
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectTimeout = options.Value.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
        });
    }

    public async Task<T> CallAsync<T>(SiloInfo silo, GrainReference reference, GrainMethod method, object?[] args, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{silo.Address}{WireProtocol.CallPath}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(WriteRequest(reference.GrainId, method, args)) { Headers = { ContentType = JsonContentType } },
        };
        // A client span when a tracer listens; either way the callee continues the caller's trace.
        using var span = Telemetry.TraceContext.Source.StartActivity($"{method} {reference.GrainId.Type}", System.Diagnostics.ActivityKind.Client);
        if (System.Diagnostics.Activity.Current?.Id is { } traceparent)
        {
            request.Headers.TryAddWithoutValidation(Telemetry.TraceContext.Header, traceparent);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            throw new SiloNotReachedException(silo, ex);
        }
        catch (HttpRequestException ex)
        {
            // The request may have reached the grain: never re-route it, report it.
            throw new SiloUnavailableException($"Silo {silo.SiloId} at {silo.Address} dropped the call to {reference.GrainId}: {ex.Message}", ex);
        }

        using (response)
        {
            var outcome = response.Headers.TryGetValues(WireProtocol.OutcomeHeader, out var values) ? values.FirstOrDefault() : null;
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case WireProtocol.OutcomeResult:
                    return method.ResultType is null ? default! : (T)_serializer.Deserialize(body, method.ResultType)!;
                case WireProtocol.OutcomeException:
                    var envelope = (ExceptionEnvelope)_serializer.Deserialize(body, typeof(ExceptionEnvelope))!;
                    throw RemoteExceptionMapper.FromEnvelope(envelope);
                case WireProtocol.OutcomeRejected:
                    throw new SiloNotReachedException(silo, null);
                default:
                    throw new SiloUnavailableException(
                        $"Silo {silo.SiloId} answered the call to {reference.GrainId} with HTTP {(int)response.StatusCode} and no grain outcome.");
            }
        }
    }

    public void Dispose() => _http.Dispose();

    private byte[] WriteRequest(GrainId grainId, GrainMethod method, object?[] args)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(WireProtocol.GrainTypeProperty, grainId.Type);
            writer.WriteString(WireProtocol.GrainKeyProperty, grainId.Key);
            writer.WriteString(WireProtocol.MethodProperty, method.Id);
            writer.WriteStartArray(WireProtocol.ArgumentsProperty);
            for (var i = 0; i < args.Length; i++)
            {
                JsonSerializer.Serialize(writer, args[i], method.ParameterTypes[i], _serializer.Options);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}

/// <summary>The call provably never reached a grain (no connection, or the silo refused new work): safe to re-route.</summary>
internal sealed class SiloNotReachedException(SiloInfo silo, Exception? inner)
    : Exception($"Silo {silo.SiloId} at {silo.Address} could not take the call.", inner)
{
    public SiloInfo Silo { get; } = silo;
}
