using Dailyfeed.ServiceDefaults.Resilience;
using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Images;

/// <summary>
/// Image files on the configured volume (shared by all gateways), behind the image store's resilience profile: a hung
/// or failing volume answers 503 fast instead of holding request threads.
/// </summary>
public sealed class ImageStore(IOptions<ImageOptions> options, IOptions<ResilienceOptions> resilience, ILogger<ImageStore> logger)
{
    private readonly DependencyPipeline _volume = new("image store", resilience.Value.Images, logger);

    private string Root => Directory.CreateDirectory(Path.GetFullPath(options.Value.StoragePath)).FullName;

    public Task SaveAsync(Guid id, Stream content, CancellationToken cancellationToken) =>
        _volume.ExecuteAsync(async token =>
        {
            var target = PathOf(id);
            var temporary = target + ".part";
            await using (var file = File.Create(temporary))
            {
                await content.CopyToAsync(file, token);
            }

            File.Move(temporary, target, overwrite: true);
        }, cancellationToken);

    public Task<Stream?> OpenReadAsync(Guid id, CancellationToken cancellationToken) =>
        _volume.ExecuteAsync(_ => Task.FromResult<Stream?>(File.Exists(PathOf(id)) ? File.OpenRead(PathOf(id)) : null), cancellationToken);

    public Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        _volume.ExecuteAsync(_ =>
        {
            File.Delete(PathOf(id));
            return Task.CompletedTask;
        }, cancellationToken);

    private string PathOf(Guid id) => Path.Combine(Root, id.ToString("N"));
}
