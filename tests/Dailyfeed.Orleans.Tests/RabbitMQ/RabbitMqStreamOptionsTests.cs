using Dailyfeed.Orleans.Streaming.RabbitMQ.Options;
using Orleans.Runtime;

namespace Dailyfeed.Orleans.Tests.RabbitMQ;

public sealed class RabbitMqStreamOptionsTests
{
    [Fact]
    public void The_delivery_window_lets_the_last_allowed_attempt_start_and_never_one_more()
    {
        var options = new RabbitMqStreamOptions { MaxDeliveryAttempts = 5, DeliveryRetryDelay = TimeSpan.FromSeconds(1) };

        // Attempt n (from 0) starts no sooner than n delays in: attempt 4 at >= 4 s is inside, attempt 5 at >= 5 s is not.
        options.GetDeliveryRetryWindow().ShouldBe(TimeSpan.FromSeconds(4.5));
    }

    [Fact]
    public void A_single_attempt_gets_half_a_delay()
    {
        var options = new RabbitMqStreamOptions { MaxDeliveryAttempts = 1, DeliveryRetryDelay = TimeSpan.FromSeconds(2) };

        options.GetDeliveryRetryWindow().ShouldBe(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Defaults_are_valid()
    {
        Should.NotThrow(() => new RabbitMqStreamOptionsValidator(new RabbitMqStreamOptions(), "streams").ValidateConfiguration());
    }

    [Theory]
    [InlineData(nameof(RabbitMqStreamOptions.QueueCount))]
    [InlineData(nameof(RabbitMqStreamOptions.MaxDeliveryAttempts))]
    [InlineData(nameof(RabbitMqStreamOptions.QueueNamePrefix))]
    [InlineData(nameof(RabbitMqStreamOptions.PrefetchCount))]
    public void An_unusable_value_fails_start_naming_the_option_and_provider(string option)
    {
        var options = new RabbitMqStreamOptions();
        switch (option)
        {
            case nameof(RabbitMqStreamOptions.QueueCount): options.QueueCount = 0; break;
            case nameof(RabbitMqStreamOptions.MaxDeliveryAttempts): options.MaxDeliveryAttempts = 0; break;
            case nameof(RabbitMqStreamOptions.QueueNamePrefix): options.QueueNamePrefix = " "; break;
            case nameof(RabbitMqStreamOptions.PrefetchCount): options.PrefetchCount = 0; break;
        }

        var failure = Should.Throw<OrleansConfigurationException>(() => new RabbitMqStreamOptionsValidator(options, "streams").ValidateConfiguration());

        failure.Message.ShouldContain(option);
        failure.Message.ShouldContain("'streams'");
    }
}
