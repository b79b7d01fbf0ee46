package main

import (
	"github.com/spf13/cobra"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/report"
)

func (a *app) feedbackCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "feedback [--format markdown|csv|json]",
		Short: "Read reps' feedback on cards, grouped by process, step and card",
		Long: "feedback lists what reps said about cards, in playbook order, with rep, date and\n" +
			"comment. A note left on an earlier version of a card is marked \"(card changed\n" +
			"since)\"; notes on cards no longer in the playbook come last.",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			switch format {
			case report.FormatMarkdown, report.FormatCSV, report.FormatJSON:
			default:
				return usageErrorf("--format %q: want markdown, csv or json", format)
			}
			return a.withExistingProgress(func(book *playbook.Playbook, store playbook.Store) error {
				list, err := store.Feedback()
				if err != nil {
					return err
				}
				r := report.BuildFeedback(book, list)
				switch format {
				case report.FormatCSV:
					return report.WriteFeedbackCSV(a.Stdout, r)
				case report.FormatJSON:
					return report.WriteFeedbackJSON(a.Stdout, r)
				}
				return report.WriteFeedbackMarkdown(a.Stdout, r)
			})
		},
	}
	cmd.Flags().StringVar(&format, "format", report.FormatMarkdown, "output FORMAT: markdown, csv or json")
	return cmd
}
