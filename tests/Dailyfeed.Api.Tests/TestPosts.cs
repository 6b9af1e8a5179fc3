namespace Dailyfeed.Api.Tests;

/// <summary>Posts written through the public API, oldest first.</summary>
public static class TestPosts
{
    /// <summary>Writes <paramref name="count"/> posts ("post 0", "post 1", ...) and returns their ids in that order.</summary>
    public static async Task<List<long>> PostManyAsync(this ApiClient author, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await author.PostAsync("/api/posts", new { content = $"post {i}" })).Id);
        }

        return ids;
    }
}
