using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dailyfeed.Api.Tests;

/// <summary>A thin test client: JSON in, envelope out, with the access token kept like a web client keeps it.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public string? AccessToken { get; set; }

    /// <param name="refreshCookie">A refresh token sent as the cookie, for a client that keeps no cookie jar.</param>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, object? body = null, string? token = null, string? refreshCookie = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (refreshCookie is not null)
        {
            request.Headers.Add("Cookie", $"refresh_token={refreshCookie}");
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if ((token ?? AccessToken) is { } bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(
            response.StatusCode,
            text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(),
            response.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public Task<ApiResponse> GetAsync(string path, string? token = null) => SendAsync(HttpMethod.Get, path, token: token);

    public Task<ApiResponse> PostAsync(string path, object? body = null, string? token = null) => SendAsync(HttpMethod.Post, path, body, token);

    public Task<ApiResponse> PutAsync(string path, object? body = null) => SendAsync(HttpMethod.Put, path, body);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);

    public void Dispose() => Http.Dispose();
}

public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Data => Body.GetProperty("data");

    /// <summary>The id of what was created or read.</summary>
    public long Id => Data.GetProperty("id").GetInt64();

    /// <summary>The ids of a page's content, in order.</summary>
    public List<long> ContentIds => Data.GetProperty("content").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();

    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>The access token an answer carries in its Authorization header, if any.</summary>
    public string? AccessToken => Header("Authorization") is { } bearer && bearer.StartsWith("Bearer ", StringComparison.Ordinal) ? bearer["Bearer ".Length..] : null;

    /// <summary>The refresh token an answer sets in its cookie, if any.</summary>
    public string? RefreshCookie => Header("Set-Cookie") is { } set && set.StartsWith("refresh_token=", StringComparison.Ordinal)
        ? set["refresh_token=".Length..set.IndexOf(';')]
        : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
