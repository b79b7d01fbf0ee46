package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"charm.land/lipgloss/v2"
	"charm.land/lipgloss/v2/table"
	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/columns"
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

// WriteTable writes the report for people, one table per request: one
// rep gets their steps and weakest cards; several get a line each with a
// mark per step, so a team reads at a glance, then the team's totals per
// step. Every table fits opt.Width and no cell is left blank.
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
	switch len(r.Reps) {
	case 0:
		b.WriteString("\nNo progress to report: nobody has drilled this playbook yet.\n")
	case 1:
		writeRep(&b, r.Reps[0], opt)
	default:
		writeGrid(&b, r, opt)
		writeTeam(&b, r, opt)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// attemptsText says how many answers a rep gave, with cram apart: cram
// answers leave the schedule alone, so they are not in any step's count.
func attemptsText(rep Rep) string {
	drilled := rep.Attempts - rep.Cram
	s := words.Count(drilled, "answer") + " in drills"
	if rep.Cram > 0 {
		s += " and " + strconv.Itoa(rep.Cram) + " in cram sessions (not counted per step)"
	}
	return s
}

// writeRep writes one rep's steps and weakest cards.
func writeRep(b *strings.Builder, rep Rep, opt TableOptions) {
	done := 0
	for _, p := range rep.Processes {
		done += p.Done
	}
	b.WriteString("\n")
	b.WriteString(heading(fmt.Sprintf("%s: readiness %s, %d of %s done", safe.Text(rep.Name), percent(rep.Readiness), done, words.Count(len(rep.Steps), "step")), opt))
	b.WriteString("\n")
	answers := "No answers yet."
	if rep.Attempts > 0 {
		answers = fmt.Sprintf("%s, the last on %s.", attemptsText(rep), dateText(rep.LastAt))
	}
	b.WriteString(ansi.Wordwrap(answers, opt.Width, ""))
	b.WriteString("\n")
	rows := [][]string{{"Step", "Status", "Ready", "Answers", "Last"}}
	for _, p := range rep.Processes {
		tries, last := 0, time.Time{}
		var steps [][]string
		for _, s := range rep.Steps {
			if s.Process == p.ID {
				tries += s.Attempts
				if s.LastAt.After(last) {
					last = s.LastAt
				}
				steps = append(steps, []string{"  " + stepLabel(s.ID, s.Title), string(s.Status), percent(s.Readiness), strconv.Itoa(s.Attempts), dateText(s.LastAt)})
			}
		}
		rows = append(rows, []string{processLabel(p.ID, p.Title), fmt.Sprintf("%d/%d done", p.Done, p.Steps), percent(p.Readiness), strconv.Itoa(tries), dateText(last)})
		rows = append(rows, steps...)
	}
	b.WriteString(layout(rows, opt, 1, 0))
	b.WriteString("\n")
	if len(rep.Weakest) > 0 {
		b.WriteString("\n")
		b.WriteString(heading("Cards to work on", opt))
		b.WriteString("\n")
		wt := [][]string{{"Question", "Step", "Last score", "Answers"}}
		for _, c := range rep.Weakest {
			q := c.Prompt
			if q == "" {
				q = c.Card
			}
			wt = append(wt, []string{safe.Text(q), safe.Text(c.Step), percent(c.LastScore), strconv.Itoa(c.Attempts)})
		}
		b.WriteString(layout(wt, opt, -1, 0, 1))
		b.WriteString("\n")
	}
}

// writeGrid writes one line per rep: readiness, answers, when last
// drilled, and per process a mark for each of its steps in order.
func writeGrid(b *strings.Builder, r *Report, opt TableOptions) {
	b.WriteString("\n")
	b.WriteString(heading("Reps: "+strconv.Itoa(len(r.Reps)), opt))
	b.WriteString("\n")
	rows, wrap := gridRows(r, true)
	counts := true
	if !fits(rows, opt.Width, wrap) {
		// Too narrow for every column: the marks matter most at a glance,
		// so the answer counts go (report --rep NAME has them).
		rows, wrap = gridRows(r, false)
		counts = false
	}
	b.WriteString(layout(rows, opt, -1, wrap...))
	b.WriteString("\n")
	legend := "One mark per step, in playbook order: ✓ done, ◐ in progress, ○ new, ↻ changed, · locked. "
	if counts {
		legend += "Answers are those given in drills; cram answers leave the schedule alone and are counted apart. "
	}
	legend += "playdrill report --rep NAME shows one rep's steps, answers and the cards to work on."
	b.WriteString(ansi.Wordwrap(legend, opt.Width, ""))
	b.WriteString("\n")
}

// gridRows are the rows of the per-rep grid, with the answer counts or
// without, and the columns that may wrap (the processes').
func gridRows(r *Report, counts bool) (rows [][]string, wrap []int) {
	headers := []string{"Rep", "Ready"}
	if counts {
		headers = append(headers, "Answers", "Cram")
	}
	headers = append(headers, "Last")
	fixed := len(headers)
	for _, p := range r.Reps[0].Processes {
		headers = append(headers, processLabel(p.ID, p.Title))
	}
	for c := fixed; c < len(headers); c++ {
		wrap = append(wrap, c)
	}
	rows = [][]string{headers}
	for _, rep := range r.Reps {
		row := []string{safe.Text(rep.Name), percent(rep.Readiness)}
		if counts {
			row = append(row, strconv.Itoa(rep.Attempts-rep.Cram), strconv.Itoa(rep.Cram))
		}
		row = append(row, dateText(rep.LastAt))
		for _, p := range rep.Processes {
			var marks strings.Builder
			for _, s := range rep.Steps {
				if s.Process == p.ID {
					marks.WriteString(s.Status.Mark())
				}
			}
			row = append(row, marks.String())
		}
		rows = append(rows, row)
	}
	return rows, wrap
}

// writeTeam writes the team's totals per process and step.
func writeTeam(b *strings.Builder, r *Report, opt TableOptions) {
	b.WriteString("\n")
	b.WriteString(heading("Team: "+words.Count(r.Team.Reps, "rep"), opt))
	b.WriteString("\n")
	rows := [][]string{{"Step", "Reps done", "Share", "Readiness"}}
	for _, p := range r.Team.Processes {
		rows = append(rows, []string{processLabel(p.ID, p.Title), fmt.Sprintf("%d/%d", p.Done, r.Team.Reps), percent(p.DoneShare), percent(p.Readiness)})
		for _, s := range r.Team.Steps {
			if s.Process == p.ID {
				rows = append(rows, []string{"  " + stepLabel(s.ID, s.Title), fmt.Sprintf("%d/%d", s.Done, r.Team.Reps), percent(s.Share), percent(s.Readiness)})
			}
		}
	}
	b.WriteString(layout(rows, opt, -1, 0))
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

// layout draws rows (header first) as a bordered table that fits
// opt.Width: only the text column wrap wraps, at word boundaries, and the
// figures, statuses and dates keep their width; statusCol is the column
// whose cells are coloured by step status (-1 for none).
func layout(rows [][]string, opt TableOptions, statusCol int, wrap ...int) string {
	widths := tableWidths(rows, opt.Width, wrap)
	if widths != nil {
		// A header is one line (the table cuts a second): one too long for
		// its column is shortened to its first word ("Marketing process"
		// to "Marketing") rather than cut mid-word.
		for _, c := range wrap {
			if h := strings.Fields(rows[0][c]); ansi.StringWidth(rows[0][c]) > widths[c] && len(h) > 0 && ansi.StringWidth(h[0]) <= widths[c] {
				rows[0][c] = h[0]
			}
		}
		for r := range rows {
			for _, c := range wrap {
				rows[r][c] = columns.Wrap(rows[r][c], widths[c])
			}
		}
	}
	status := make([]string, len(rows))
	if statusCol >= 0 {
		for r := range rows {
			status[r] = rows[r][statusCol]
		}
	}
	cellStyle := lipgloss.NewStyle().Padding(0, 1)
	headerStyle := cellStyle
	if opt.Color {
		headerStyle = cellStyle.Bold(true)
	}
	t := table.New().Border(lipgloss.NormalBorder()).
		Headers(rows[0]...).Rows(rows[1:]...).
		StyleFunc(func(row, col int) lipgloss.Style {
			if row == table.HeaderRow {
				return headerStyle
			}
			if opt.Color && col == statusCol && row+1 < len(status) {
				if c, ok := statusColors[drill.Status(status[row+1])]; ok {
					return cellStyle.Foreground(lipgloss.Color(c))
				}
			}
			return cellStyle
		})
	if widths == nil {
		return squeeze(t, opt.Width)
	}
	return t.String()
}

// tableWidths shares width among the columns of a bordered table whose
// wrap columns may wrap; nil when it cannot fit.
func tableWidths(rows [][]string, width int, wrap []int) []int {
	// Each column has a space either side and a rule after it, plus the
	// left border.
	avail := width - 3*len(rows[0]) - 1
	return columns.Widths(rows, avail, func(c int) bool { return !slices.Contains(wrap, c) }, 8)
}

// fits reports whether rows lay out in width without cutting a cell.
func fits(rows [][]string, width int, wrap []int) bool { return tableWidths(rows, width, wrap) != nil }

// squeeze renders t cut down to width, for a terminal too narrow even with
// the text columns wrapped. The table's resizer can overshoot by a column
// or two and then crops the right edge, so it asks for less until the
// whole border is shown.
func squeeze(t *table.Table, width int) string {
	s := t.String()
	for target := width; target > width/2; target-- {
		s = t.Wrap(false).Width(target).String()
		first, _, _ := strings.Cut(s, "\n")
		if strings.HasSuffix(first, lipgloss.NormalBorder().TopRight) {
			break
		}
	}
	return s
}
