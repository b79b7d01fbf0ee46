package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/report"
	"github.com/playdrill/playdrill/internal/safe"
)

func (a *app) reportCmd() *cobra.Command {
	var all bool
	var format string
	cmd := &cobra.Command{
		Use:   "report [--rep NAME | --all] [--format table|csv|json]",
		Short: "Show reps' progress: status and readiness per step, team totals",
		Long: "report shows one rep's standing (the current rep, or --rep NAME): per step the\n" +
			"status (locked, new, in-progress, done, changed), readiness, answers and when\n" +
			"last drilled, then the questions the rep finds hardest. Answers given in cram\n" +
			"sessions leave the schedule alone and are counted apart. --all shows a line per\n" +
			"rep with a mark per step, then the team's totals per step. With nothing to\n" +
			"report it says so and exits 0.",
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
			book, err := a.loadValidPlaybook()
			if err != nil {
				return err
			}
			path, err := a.dbFile()
			if err != nil {
				return err
			}
			if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
				return a.nothingToReport(book, format, fmt.Sprintf("nothing has been drilled or imported in %s yet", safe.Text(path)))
			}
			return a.withExistingProgress(func(book *playbook.Playbook, store playbook.Store) error {
				known, err := store.Reps()
				if err != nil {
					return err
				}
				if len(known) == 0 {
					return a.nothingToReport(book, format, fmt.Sprintf("nothing has been drilled or imported in %s yet", safe.Text(path)))
				}
				var reps []string
				if !all {
					reps = []string{a.repName()}
					if !a.repGiven() && !slices.Contains(known, reps[0]) {
						return a.nothingToReport(book, format, fmt.Sprintf("%s has not drilled yet; reps with records: %s (report --rep NAME, or --all)",
							safe.Text(reps[0]), safe.Text(strings.Join(known, ", "))))
					}
				}
				r, err := report.Build(book, store, reps, report.Options{})
				if err != nil {
					return err
				}
				return a.writeReport(r, format)
			})
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "report on every rep in the database")
	cmd.Flags().StringVar(&format, "format", report.FormatTable, "output FORMAT: table, csv or json")
	return cmd
}

// writeReport writes r in format.
func (a *app) writeReport(r *report.Report, format string) error {
	switch format {
	case report.FormatCSV:
		return report.WriteCSV(a.Stdout, r)
	case report.FormatJSON:
		return report.WriteJSON(a.Stdout, r)
	}
	width, tty := terminalWidth(a.Stdout)
	return report.WriteTable(a.Stdout, r, report.TableOptions{Width: width, Color: tty && !a.colorless()})
}

// nothingToReport says, once, that there is no progress to report, and
// exits 0 as feedback does with no feedback: a table gets the sentence; CSV
// and JSON get an empty document for scripts, and the sentence on stderr.
func (a *app) nothingToReport(book *playbook.Playbook, format, why string) error {
	msg := "No progress to report: " + why + "."
	if format == report.FormatTable {
		_, err := fmt.Fprintln(a.Stdout, msg)
		return err
	}
	fmt.Fprintln(a.Stderr, "playdrill: "+msg)
	return a.writeReport(&report.Report{Playbook: book.Title, Version: book.Version, GeneratedAt: time.Now(), Team: report.Team{}}, format)
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
