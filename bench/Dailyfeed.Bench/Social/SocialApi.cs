using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Dailyfeed.Bench.Social;

/// <summary>The public API calls the benchmark makes, over one pooled HTTP/1.1 client on loopback.</summary>
public sealed class SocialApi(Uri address) : IDisposable
{
    public const string Password = "Bench!Passw0rd";

    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 512, UseCookies = false })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static string Email(int member) => $"reed{member}@bench.dailyfeed";

    public async Task<long> SignupAsync(int member)
    {
        var body = new { email = Email(member), password = Password, memberName = $"Reed {member}", handle = $"reed_{member}", displayName = $"Reed {member}" };
        using var response = await _http.PostAsJsonAsync("/api/authentication/signup", body);
        return (await DataOrThrowAsync(response)).GetProperty("id").GetInt64();
    }

    public async Task<string> LoginAsync(int member)
    {
        using var response = await _http.PostAsJsonAsync("/api/authentication/login", new { email = Email(member), password = Password });
        await DataOrThrowAsync(response);
        return response.Headers.GetValues("Authorization").Single()["Bearer ".Length..];
    }

    public async Task FollowAsync(string token, long memberId) =>
        await SendOrThrowAsync(HttpMethod.Post, $"/api/members/follow/{memberId}", token);

    public async Task<long> ComposeAsync(string token, string content) =>
        (await SendOrThrowAsync(HttpMethod.Post, "/api/posts", token, new { content })).GetProperty("id").GetInt64();

    /// <summary>A raw request for the load runs: status only, body drained.</summary>
    public async Task<HttpStatusCode> SendAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = Request(method, path, token, body);
        using var response = await _http.SendAsync(request);
        await response.Content.CopyToAsync(Stream.Null);
        return response.StatusCode;
    }

    public async Task<IReadOnlyList<long>> HomeTimelineAsync(string token, int size)
    {
        var data = await SendOrThrowAsync(HttpMethod.Get, $"/api/timeline/posts/followings?size={size}", token);
        return data.GetProperty("content").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList();
    }

    public async Task<byte[]> RawAsync(string path, string token)
    {
        using var request = Request(HttpMethod.Get, path, token, null);
        using var response = await _http.SendAsync(request);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<JsonElement> SendOrThrowAsync(HttpMethod method, string path, string token, object? body = null)
    {
        using var request = Request(method, path, token, body);
        using var response = await _http.SendAsync(request);
        return await DataOrThrowAsync(response);
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    private static async Task<JsonElement> DataOrThrowAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("data").Clone();
    }

    public void Dispose() => _http.Dispose();
}
