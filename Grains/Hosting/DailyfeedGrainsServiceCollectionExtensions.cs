using Dailyfeed.Grains.Activities;
using Dailyfeed.Grains.Authentication;
using Dailyfeed.Grains.Comments;
using Dailyfeed.Grains.Feeds;
using Dailyfeed.Grains.Posts;
using Dailyfeed.Grains.Rankings;
using Dailyfeed.Grains.Identity;
using Dailyfeed.Grains.Members;
using Dailyfeed.Grains.Recommendations;
using Dailyfeed.Grains.ReadModels;
using Dailyfeed.Grains.Abstractions.Members;
using Dailyfeed.Grains.Abstractions.Posts;
using Dailyfeed.Orleans.Pools;
using Dailyfeed.Orleans.Outbox.Streams;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dailyfeed.Grains.Hosting;

public static class DailyfeedGrainsServiceCollectionExtensions
{
    /// <summary>Everything Dailyfeed's grains need on a silo: their options (bound from configuration) and services.</summary>
    public static IServiceCollection AddDailyfeedGrains(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MemberOptions>(configuration.GetSection(MemberOptions.Section));
        services.Configure<IdAllocatorOptions>(configuration.GetSection(IdAllocatorOptions.Section));
        services.Configure<RecommendationOptions>(configuration.GetSection(RecommendationOptions.Section));
        services.Configure<AuthenticationOptions>(configuration.GetSection(AuthenticationOptions.Section));
        services.Configure<RefreshReuseOptions>(configuration.GetSection(RefreshReuseOptions.Section));
        services.Configure<ActivityOptions>(configuration.GetSection(ActivityOptions.Section));
        services.Configure<FeedOptions>(configuration.GetSection(FeedOptions.Section));
        services.Configure<PostOptions>(configuration.GetSection(PostOptions.Section));
        services.Configure<CommentOptions>(configuration.GetSection(CommentOptions.Section));
        services.Configure<RankingOptions>(configuration.GetSection(RankingOptions.Section));
        services.Configure<PostQueryOptions>(configuration.GetSection(PostQueryOptions.Section));
        services.Configure<ReadModelOptions>(configuration.GetSection(ReadModelOptions.Section));
        services.AddPoolMessageHandler<PostChanged, PostViewReadModel>();
        services.AddPoolMessageHandler<MemberSummaryChanged, PostViewReadModel>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPasswordHasher<MemberCredentials>>(sp =>
        {
            var iterations = configuration.GetSection(MemberOptions.Section).Get<MemberOptions>()?.PasswordHashIterations
                             ?? new MemberOptions().PasswordHashIterations;
            return new PasswordHasher<MemberCredentials>(Microsoft.Extensions.Options.Options.Create(
                new PasswordHasherOptions { IterationCount = iterations }));
        });
        services.AddHostedService<GrainScheduleStartup>();
        services.AddSingleton<IListenerReplayTarget, ActivityListenerReplayTarget>();
        return services;
    }
}
