using Dlm.Cli;

return DlmCommand.Run(args, Console.Out, Console.Error);
