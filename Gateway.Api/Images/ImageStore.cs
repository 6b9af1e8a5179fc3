using Microsoft.Extensions.Options;

namespace Dailyfeed.Gateway.Api.Images;

/// <summary>Image bytes on the configured volume, one file per image id, written atomically (temp file, then rename).</summary>
public sealed class ImageStore(IOptions<ImageOptions> options)
{
    private string Root => Directory.CreateDirectory(Path.GetFullPath(options.Value.StoragePath)).FullName;

    public async Task SaveAsync(Guid id, Stream content, CancellationToken cancellationToken)
    {
        var target = PathOf(id);
        var temporary = target + ".part";
        await using (var file = File.Create(temporary))
        {
            await content.CopyToAsync(file, cancellationToken);
        }

        File.Move(temporary, target, overwrite: true);
    }

    public Stream? OpenRead(Guid id) => File.Exists(PathOf(id)) ? File.OpenRead(PathOf(id)) : null;

    public void Delete(Guid id) => File.Delete(PathOf(id));

    private string PathOf(Guid id) => Path.Combine(Root, id.ToString("N"));
}
