using Dashboard.Servers;
using Microsoft.Extensions.Options;

namespace Dashboard.Mail;

/// <summary>
/// The web app's background sender: every <see cref="MailOptions.PollSeconds"/> (on the injected clock) it queues
/// what is due and sends the outbox. A failure is logged and the next round tries again; nothing is kept in memory,
/// so a restart picks up where the outbox stands. Off with Mail:Background=false (then use the verb send-due). With
/// several instances one of them runs each round (<see cref="IJobLock"/>); the outbox's claims would keep a message
/// from going twice anyway, but one round at a time saves the others the work.
/// </summary>
public sealed class OutboxBackground(
    MailScheduler scheduler,
    OutboxSender sender,
    IMailTransport transport,
    IOptions<MailOptions> options,
    TimeProvider time,
    IJobLock jobs,
    ILogger<OutboxBackground> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Background)
        {
            return;
        }
        log.LogInformation("Mail goes to {Transport}", transport.Describe());
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunOnceAsync(stoppingToken);
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await jobs.TryRunAsync("mail", async token =>
            {
                await scheduler.QueueDueAsync(token);
                await sender.SendDueAsync(token);
            }, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Queueing or sending mail failed; trying again in the next round");
        }
    }
}
