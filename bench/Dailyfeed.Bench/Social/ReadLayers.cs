namespace Dailyfeed.Bench.Social;

/// <summary>One layer of a read under wrk: what it adds to the layer before it, and its rounds.</summary>
public sealed record ReadLayer(string Name, string Adds, WrkRounds Rounds);

/// <summary>
/// wrk against the bare server and three platform read paths, each adding a layer: the health probe (Kestrel and the
/// middleware pipeline), an authenticated one-grain read, the home timeline. Rounds alternate over every layer so all
/// see the same machine; the steps between layers are where a timeline read's time goes.
/// </summary>
public sealed record ReadLayers(IReadOnlyList<ReadLayer> Layers)
{
    public ReadLayer Bare => Layers[0];

    public ReadLayer Timeline => Layers[^1];

    public static async Task<ReadLayers> RunAsync(PlatformProcess platform, string home, string[] tokens, byte[] page, SocialOptions options)
    {
        await using var kestrel = await BareKestrel.StartAsync(page);
        var targets = new Target[]
        {
            new("bare Kestrel", $"the timeline page's {page.Length:N0} B, written as fixed bytes", kestrel.Address, "/", [], null),
            new("GET /healthcheck/live", "the platform's Kestrel and middleware; no token, no grain", platform.Address, "/healthcheck/live", [], platform),
            new("GET /api/members/summary", "a token check, rate limiting, authorization, one grain call", platform.Address, "/api/members/summary", tokens, platform),
            new("GET home timeline", $"11 more grain calls and {page.Length:N0} B of JSON", platform.Address, home, tokens, platform),
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
            var window = Platform is null ? null : CpuWindow.Start(Platform);
            var result = await WrkRunner.RunAsync(Address, Path, Tokens, options);
            return window is null ? result : result with { Cpu = window.Stop(result.Requests) };
        }
    }
}
