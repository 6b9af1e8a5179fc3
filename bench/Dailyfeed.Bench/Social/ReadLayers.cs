namespace Dailyfeed.Bench.Social;

/// <summary>One layer of a read under wrk: what it adds to the layer before it, and its rounds.</summary>
public sealed record ReadLayer(string Name, string Adds, WrkRounds Rounds);

/// <summary>
/// wrk against the bare server and three platform read paths, each adding a layer: the health probe (Kestrel and the
/// middleware pipeline), an authenticated one-grain read, the home timeline. The bare server is measured twice: with
/// plain GETs, and with the timeline's own requests (the same bearer tokens, ignored), the anchor of the ratio, since
/// "the same client" means the same requests: the token costs the client its Lua string and Kestrel its parsing on
/// both sides. Rounds alternate over every layer so all see the same machine; the steps between layers are where a
/// timeline read's time goes.
/// </summary>
public sealed record ReadLayers(IReadOnlyList<ReadLayer> Layers)
{
    /// <summary>The bare server answering the timeline's own requests: the anchor of the ratio.</summary>
    public ReadLayer Bare => Layers[1];

    public ReadLayer Timeline => Layers[^1];

    public static async Task<ReadLayers> RunAsync(PlatformProcess platform, string home, string[] tokens, byte[] page, SocialOptions options)
    {
        await using var kestrel = await BareKestrel.StartAsync(page);
        var targets = new Target[]
        {
            new("bare Kestrel, plain GET", $"the timeline page's {page.Length:N0} B, written as fixed bytes", kestrel.Address, "/", [], null),
            new("bare Kestrel, the timeline's requests", "to the plain GET: each request's bearer token (ignored), so client and Kestrel do what they do for the timeline", kestrel.Address, "/", tokens, null),
            new("GET /healthcheck/live", "to the plain GET: the platform's Kestrel and middleware; no token, no grain", platform.Address, "/healthcheck/live", [], platform),
            new("GET /api/members/summary", "a token check, rate limiting, authorization, one grain call", platform.Address, "/api/members/summary", tokens, platform),
            new("GET home timeline", $"a page of post views from the feed grain instead of one summary, and {page.Length:N0} B of JSON", platform.Address, home, tokens, platform),
        };
        foreach (var target in targets)
        {
            await WrkRunner.RunAsync(target.Address, target.Path, target.Tokens, options, options.WrkWarmup);
        }

        var rounds = targets.Select(_ => new List<WrkResult>()).ToArray();
        for (var round = 0; round < options.WrkRounds; round++)
        {
            for (var i = 0; i < targets.Length; i++)
            {
                rounds[i].Add(await targets[i].RunAsync(options));
            }
        }

        return new ReadLayers(targets.Select((t, i) => new ReadLayer(t.Name, t.Adds, new WrkRounds(rounds[i]))).ToList());
    }

    /// <param name="Platform">Set when the server measured is the platform, whose CPU per request is then recorded.</param>
    private sealed record Target(string Name, string Adds, Uri Address, string Path, string[] Tokens, PlatformProcess? Platform)
    {
        public async Task<WrkResult> RunAsync(SocialOptions options)
        {
            var window = Platform is null ? null : await CostWindow.StartAsync(Platform);
            var result = await WrkRunner.RunAsync(Address, Path, Tokens, options);
            return window is null ? result : result with { Cost = await window.StopAsync(result.Requests) };
        }
    }
}
