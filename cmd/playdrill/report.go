package main

import (
	"io"
	"os"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/report"
)

func (a *app) reportCmd() *cobra.Command {
	var all bool
	var format string
	cmd := &cobra.Command{
		Use:   "report [--rep NAME | --all] [--format table|csv|json]",
		Short: "Show reps' progress: status and readiness per step, team totals",
		Long: "report shows, per rep and step, the status (locked, new, in-progress, done,\n" +
			"changed), readiness, attempts and when it was last drilled; per-process and team\n" +
			"totals (the share of reps done per step); and each rep's five weakest cards.\n" +
			"Without --rep or --all it reports on the current rep.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch format {
			case report.FormatTable, report.FormatCSV, report.FormatJSON:
			default:
				return usageErrorf("--format %q: want table, csv or json", format)
			}
			if all && a.rep != "" {
				return usageErrorf("--rep and --all exclude each other")
			}
			return a.withExistingProgress(func(book *playbook.Playbook, store playbook.Store) error {
				var reps []string
				if !all {
					reps = []string{a.repName()}
				}
				r, err := report.Build(book, store, reps, report.Options{})
				if err != nil {
					return err
				}
				switch format {
				case report.FormatCSV:
					return report.WriteCSV(a.Stdout, r)
				case report.FormatJSON:
					return report.WriteJSON(a.Stdout, r)
				}
				width, tty := terminalWidth(a.Stdout)
				return report.WriteTable(a.Stdout, r, report.TableOptions{Width: width, Color: tty && !a.colorless()})
			})
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "report on every rep in the database")
	cmd.Flags().StringVar(&format, "format", report.FormatTable, "output FORMAT: table, csv or json")
	return cmd
}

// terminalWidth says how wide w's terminal is and whether it is one; not
// a terminal means 80 columns.
func terminalWidth(w io.Writer) (int, bool) {
	if !isTerminal(w) {
		return 80, false
	}
	f := w.(*os.File)
	width, _, err := term.GetSize(f.Fd())
	if err != nil || width <= 0 {
		return 80, true
	}
	return width, true
}
