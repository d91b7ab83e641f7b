using System.CommandLine;

namespace Alerts.Host.Cli;

public static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "Run the Zhipu / MiniMax story through the whole pipeline and print what was delivered to whom");
        command.SetAction((parse, cancellationToken) => Task.FromResult(0));
        return command;
    }
}
