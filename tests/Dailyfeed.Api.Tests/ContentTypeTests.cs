using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Api.Tests;

/// <summary>Bodies of the wrong media type, or cut short, get the error envelope with a status that says so.</summary>
public sealed class ContentTypeTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_json_endpoint_called_with_another_media_type_answers_415(string? mediaType)
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"content\":\"hello\"}"));
        if (mediaType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        var response = await SendAsync(client, "/api/posts", content);

        response.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, response.ToString());
        response.Code.ShouldBe("UNSUPPORTED_MEDIA_TYPE");
        response.Body.GetProperty("resultCode").GetString().ShouldBe("FAIL");
        response.Body.GetProperty("path").GetString().ShouldBe("/api/posts");
    }

    [Fact]
    public async Task An_upload_sent_as_json_answers_415()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var response = await SendAsync(client, "/api/images/upload", JsonContent(new { image = "iVBORw0KGgo=" }));

        response.Status.ShouldBe(HttpStatusCode.UnsupportedMediaType, response.ToString());
        response.Code.ShouldBe("UNSUPPORTED_MEDIA_TYPE");
    }

    [Fact]
    public async Task A_multipart_body_whose_boundary_never_closes_answers_400_in_the_envelope()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();
        var body = "--cut\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u0089PNG\r\n\u001a\n0000";
        var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        var response = await SendAsync(client, "/api/images/upload", content);

        response.Status.ShouldBe(HttpStatusCode.BadRequest, response.ToString());
        response.Code.ShouldBe("INVALID_REQUEST");
    }

    private static HttpContent JsonContent(object body) =>
        new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<ApiResponse> SendAsync(ApiClient client, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        using var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), new Dictionary<string, string>());
    }
}
