using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Shouldly;

namespace Dailyfeed.Api.Tests;

public sealed class ImageTests(ApiCluster cluster) : IClassFixture<ApiCluster>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4];
    private static readonly byte[] Webp = [0x52, 0x49, 0x46, 0x46, 0x24, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20];

    [Fact]
    public async Task An_uploaded_image_is_served_back_with_the_type_its_signature_shows()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var (status, body) = await UploadAsync(client, "/api/images/upload", Webp, "photo.png", "image/png");

        status.ShouldBe(HttpStatusCode.OK, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("data").GetString();
        using var anonymous = cluster.Gateway.CreateApiClient();
        using var view = await anonymous.Http.GetAsync($"/api/images/view/{id}");
        view.StatusCode.ShouldBe(HttpStatusCode.OK);
        view.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp", "the bytes say WebP whatever the name and declared type say");
        (await view.Content.ReadAsByteArrayAsync()).ShouldBe(Webp);
    }

    [Fact]
    public async Task A_file_with_a_wrong_signature_or_no_bytes_is_rejected()
    {
        using var client = cluster.Gateway.CreateApiClient();
        await client.SignupAndLoginAsync();

        var (wrongStatus, wrongBody) = await UploadAsync(client, "/api/images/upload", "<?php echo 'hi'; ?>"u8.ToArray(), "evil.jpg", "image/jpeg");
        var (emptyStatus, emptyBody) = await UploadAsync(client, "/api/images/upload", [], "empty.png", "image/png");

        wrongStatus.ShouldBe(HttpStatusCode.BadRequest);
        wrongBody.ShouldContain("INVALID_IMAGE_SIGNATURE");
        emptyStatus.ShouldBe(HttpStatusCode.BadRequest);
        emptyBody.ShouldContain("EMPTY_IMAGE_FILE");
    }

    [Fact]
    public async Task A_profile_upload_becomes_the_avatar_only_when_the_profile_is_saved_and_only_the_owner_can_delete_it()
    {
        using var owner = cluster.Gateway.CreateApiClient();
        using var other = cluster.Gateway.CreateApiClient();
        await owner.SignupAndLoginAsync();
        await other.SignupAndLoginAsync();

        var (status, body) = await UploadAsync(owner, "/api/images/upload/profile", Png, "me.png", "image/png");
        status.ShouldBe(HttpStatusCode.OK, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("data").GetString();
        (await owner.GetAsync("/api/members/profile")).Data.GetProperty("avatarUrl").ValueKind.ShouldBe(JsonValueKind.Null, "an upload alone changes no profile");
        (await owner.PutAsync("/api/members/profile", new { avatarUrl = $"/api/images/view/{id}" })).Status.ShouldBe(HttpStatusCode.OK);
        var avatar = (await owner.GetAsync("/api/members/profile")).Data.GetProperty("avatarUrl").GetString();
        avatar.ShouldBe($"/api/images/view/{id}");

        (await other.PostAsync("/api/images/view/command/delete/in", new { imageUrls = new[] { avatar } })).Status.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.GetAsync(avatar)).StatusCode.ShouldBe(HttpStatusCode.OK, "someone else's delete does nothing");
        (await owner.PostAsync("/api/images/view/command/delete/in", new { imageUrls = new[] { avatar } })).Status.ShouldBe(HttpStatusCode.OK);
        (await owner.Http.GetAsync(avatar)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<(HttpStatusCode Status, string Body)> UploadAsync(ApiClient client, string path, byte[] bytes, string fileName, string declaredType)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(declaredType);
        form.Add(file, "image", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", client.AccessToken);
        using var response = await client.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
