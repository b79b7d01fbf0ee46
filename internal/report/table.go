package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/drill"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// TableOptions configure WriteTable.
type TableOptions struct {
	Width int  // the terminal's width; 80 when 0
	Color bool // style headers and statuses
}

// statusColors colours each step status when colour is on.
var statusColors = map[drill.Status]string{
	drill.StatusDone:       "#3fb950",
	drill.StatusInProgress: "#d29922",
	drill.StatusChanged:    "#bc8cff",
	drill.StatusLocked:     "#6e7681",
}

// WriteTable writes the report for people. One rep gets a table of steps
// and their weakest cards; several get one line each with a mark per step,
// so a team reads at a glance. The team totals follow. Every table fits
// opt.Width.
func WriteTable(w io.Writer, r *Report, opt TableOptions) error {
	if opt.Width <= 0 {
		opt.Width = 80
	}
	var b strings.Builder
	title := safe.Text(r.Playbook)
	if r.Version != "" {
		title += " " + safe.Text(r.Version)
	}
	fmt.Fprintf(&b, "%s, report of %s\n", title, r.GeneratedAt.UTC().Format("2006-01-02"))
	if len(r.Reps) == 1 {
		writeRep(&b, r.Reps[0], opt)
	} else if len(r.Reps) > 1 {
		writeGrid(&b, r, opt)
	}
	b.WriteString("\n")
	b.WriteString(heading("Team: "+words.Count(r.Team.Reps, "rep"), opt))
	b.WriteString("\n")
	tt := newTable(opt, -1).Headers("Step", "Reps done", "Share", "Readiness")
	for _, p := range r.Team.Processes {
		tt.Row(processLabel(p.ID, p.Title), "", percent(p.DoneShare), percent(p.Readiness))
		for _, s := range r.Team.Steps {
			if s.Process == p.ID {
				tt.Row("  "+stepLabel(s.ID, s.Title), fmt.Sprintf("%d/%d", s.Done, r.Team.Reps), percent(s.Share), "")
			}
		}
	}
	b.WriteString(fit(tt, opt.Width))
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// writeRep writes one rep's steps and weakest cards.
func writeRep(b *strings.Builder, rep Rep, opt TableOptions) {
	b.WriteString("\n")
	b.WriteString(heading(fmt.Sprintf("%s: %s, readiness %s, last drilled %s",
		safe.Text(rep.Name), words.Count(rep.Attempts, "attempt"), percent(rep.Readiness), dateText(rep.LastAt)), opt))
	b.WriteString("\n")
	t := newTable(opt, 1).Headers("Step", "Status", "Ready", "Tries", "Last")
	for _, p := range rep.Processes {
		t.Row(processLabel(p.ID, p.Title), fmt.Sprintf("%d/%d done", p.Done, p.Steps), percent(p.Readiness), "", "")
		for _, s := range rep.Steps {
			if s.Process == p.ID {
				t.Row("  "+stepLabel(s.ID, s.Title), string(s.Status), percent(s.Readiness), strconv.Itoa(s.Attempts), dateText(s.LastAt))
			}
		}
	}
	b.WriteString(fit(t, opt.Width))
	b.WriteString("\n")
	if len(rep.Weakest) > 0 {
		b.WriteString("Weakest cards\n")
		wt := newTable(opt, -1).Headers("Card", "Kind", "Recall", "Score", "Tries")
		for _, c := range rep.Weakest {
			wt.Row(safe.Text(c.Card), string(c.Kind), percent(c.Retrievability), percent(c.LastScore), strconv.Itoa(c.Attempts))
		}
		b.WriteString(fit(wt, opt.Width))
		b.WriteString("\n")
	}
}

// writeGrid writes one line per rep: readiness, attempts, when last
// drilled, and per process a mark for each of its steps in order.
func writeGrid(b *strings.Builder, r *Report, opt TableOptions) {
	b.WriteString("\n")
	b.WriteString(heading("Reps", opt))
	b.WriteString("\n")
	headers := []string{"Rep", "Ready", "Tries", "Last"}
	for _, p := range r.Reps[0].Processes {
		headers = append(headers, processLabel(p.ID, p.Title))
	}
	t := newTable(opt, -1).Headers(headers...)
	for _, rep := range r.Reps {
		row := []string{safe.Text(rep.Name), percent(rep.Readiness), strconv.Itoa(rep.Attempts), dateText(rep.LastAt)}
		for _, p := range rep.Processes {
			var marks strings.Builder
			for _, s := range rep.Steps {
				if s.Process == p.ID {
					marks.WriteString(s.Status.Mark())
				}
			}
			row = append(row, marks.String())
		}
		t.Row(row...)
	}
	b.WriteString(fit(t, opt.Width))
	b.WriteString("\n")
	b.WriteString(ansi.Wordwrap("One mark per step, in playbook order: ✓ done, ◐ in progress, ○ new, ↻ changed, · locked. "+
		"playdrill report --rep NAME shows one rep's steps and weakest cards.", opt.Width, ""))
	b.WriteString("\n")
}

func heading(s string, opt TableOptions) string {
	if !opt.Color {
		return s
	}
	return lipgloss.NewStyle().Bold(true).Render(s)
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return "never"
	}
	return t.UTC().Format("2006-01-02")
}

// stepLabel names a step or process by its title (the machine forms carry
// the ids).
func stepLabel(id, title string) string {
	if title == "" {
		return safe.Text(id)
	}
	return safe.Text(title)
}

func processLabel(id, title string) string { return stepLabel(id, title) }

// newTable makes a bordered table; statusCol is the column whose cells are
// coloured by step status (-1 for none).
func newTable(opt TableOptions, statusCol int) *table.Table {
	// Cells are cut with an ellipsis rather than wrapped: a wrapped status or
	// date reads as two values.
	t := table.New().Border(lipgloss.NormalBorder()).Wrap(false)
	cellStyle := lipgloss.NewStyle().Padding(0, 1)
	headerStyle := cellStyle
	if opt.Color {
		headerStyle = cellStyle.Bold(true)
	}
	var data *table.Table = t
	t.StyleFunc(func(row, col int) lipgloss.Style {
		if row == table.HeaderRow {
			return headerStyle
		}
		if opt.Color && col == statusCol && row >= 0 && row < data.GetData().Rows() {
			if c, ok := statusColors[drill.Status(data.GetData().At(row, col))]; ok {
				return cellStyle.Foreground(lipgloss.Color(c))
			}
		}
		return cellStyle
	})
	return t
}

// fit renders t at its natural width, or squeezed to width when wider.
// The table's resizer can overshoot by a column or two and then crops the
// right edge, so it asks for less until the whole border is shown.
func fit(t *table.Table, width int) string {
	s := t.String()
	if lipgloss.Width(s) <= width {
		return s
	}
	for target := width; target > width/2; target-- {
		s = t.Width(target).String()
		first, _, _ := strings.Cut(s, "\n")
		if strings.HasSuffix(first, lipgloss.NormalBorder().TopRight) {
			break
		}
	}
	return s
}
