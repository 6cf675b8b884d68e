import ArgumentParser

/// dossier: ask dossierd about the documents it watches.
@main
struct Dossier: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Ask dossierd about the documents in its folder.",
        discussion: """
            Examples:
              dossier status
              dossier ask "Is ISIS-K related to the Taliban?"
              dossier search haqqani network --limit 5
              dossier search '"Haqqani network" -kabul title:isis*'
              dossier similar 000_8ce81ff0f6d118bf.txt
              dossier show 000_8ce81ff0f6d118bf.txt
              dossier entities --kind person
              dossier related Taliban
              dossier quotes --speaker McKenzie
              dossier --json docs             (the same as: dossier docs --json)
              dossier status --wait           (block until the initial scan is done)
              dossier follow --json           (one JSON object per change, until Ctrl-C)

            The daemon's socket is --socket, else $DOSSIER_SOCKET, else /run/dossier/io.dossier
            if it exists, else $XDG_RUNTIME_DIR/dossier/io.dossier.

            Exit codes: 0 success, 1 the daemon answered with an error, 2 not found,
            64 usage error, 69 the daemon cannot be reached.
            """,
        version: "0.1.0",
        subcommands: [
            StatusCommand.self, DocsCommand.self, ShowCommand.self, SearchCommand.self, AskCommand.self,
            SimilarCommand.self, EntitiesCommand.self, RelatedCommand.self, QuotesCommand.self, TimelineCommand.self,
            ExportCommand.self,
            ReindexCommand.self,
            FollowCommand.self,
        ])

    /// `--json` and `--socket PATH` may also stand before the command name
    /// (`dossier --json status`); they are moved after it.
    static func main() {
        main(Self.movingGlobalOptions(Array(CommandLine.arguments.dropFirst())))
    }

    /// The names of the subcommands of `command`.
    static func subcommands(of command: String) -> Set<String> {
        var names: Set<String> = []
        for type in configuration.subcommands {
            let group = type.configuration
            guard group.commandName == command else { continue }
            for subcommand in group.subcommands {
                if let name = subcommand.configuration.commandName { names.insert(name) }
            }
        }
        return names
    }

    static func movingGlobalOptions(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, first.hasPrefix("--") {
            if first == "--json" || first.hasPrefix("--socket=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else if first == "--socket", rest.count > 1 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else {
                break
            }
        }
        guard !leading.isEmpty, let command = rest.first else { return arguments }
        // After the subcommand too, when the command has one (`dossier --json entities merge A B`).
        if rest.count > 1, subcommands(of: command).contains(rest[rest.startIndex + 1]) {
            return [command, rest[rest.startIndex + 1]] + leading + rest.dropFirst(2)
        }
        return [command] + leading + rest.dropFirst()
    }
}
