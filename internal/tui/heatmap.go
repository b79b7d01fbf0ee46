package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/playdrill/playdrill/internal/words"
)

// heatWeeks is how many weeks of drilling the calendar shows.
const heatWeeks = 12

// heatKeys pick a day on the calendar to read its count.
type heatKeys struct {
	Earlier, Later key.Binding
}

func newHeatKeys() heatKeys {
	return heatKeys{
		Earlier: key.NewBinding(key.WithKeys("left", "h"), key.WithHelp("←/h", "day before")),
		Later:   key.NewBinding(key.WithKeys("right", "l"), key.WithHelp("→/l", "day after")),
	}
}

// heatmap is a calendar of the last weeks' drilling: one row per weekday,
// one column per week, darker for more answers that day. The rep can pick
// a day to read its count.
type heatmap struct {
	activity map[string]int
	now      time.Time
	// day is the picked day, counted back from today; -1 when none is.
	day  int
	keys heatKeys
}

func newHeatmap() heatmap { return heatmap{day: -1, keys: newHeatKeys()} }

// SetData shows activity (answers per YYYY-MM-DD) up to now.
func (h *heatmap) SetData(activity map[string]int, now time.Time) {
	h.activity, h.now = activity, now
}

// Update moves the picked day and reports whether msg was one of the
// calendar's keys.
func (h *heatmap) Update(msg tea.KeyPressMsg) bool {
	from, _ := heatmapRange(h.now)
	span := int(h.now.Sub(from).Hours() / 24)
	switch {
	case key.Matches(msg, h.keys.Earlier):
		h.day = min(h.day+1, span)
	case key.Matches(msg, h.keys.Later):
		h.day = max(h.day-1, -1)
	default:
		return false
	}
	return true
}

// heatmapRange is the span the calendar covers: from the Monday heatWeeks-1
// weeks before this week's Monday, to now.
func heatmapRange(now time.Time) (time.Time, time.Time) {
	y, mo, d := now.Date()
	today := time.Date(y, mo, d, 0, 0, 0, 0, now.Location())
	offset := (int(today.Weekday()) + 6) % 7 // days since Monday
	monday := today.AddDate(0, 0, -offset)
	return monday.AddDate(0, 0, -7*(heatWeeks-1)), now
}

// View draws the calendar and its legend, one string a line.
func (h *heatmap) View(st styles) []string {
	from, _ := heatmapRange(h.now)
	y, mo, d := h.now.Date()
	picked := time.Date(y, mo, d, 0, 0, 0, 0, h.now.Location()).AddDate(0, 0, -h.day)
	glyphs := []string{"·", "░", "▒", "▓", "█"}
	days := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	total := 0
	var lines []string
	for wd := range 7 {
		var b strings.Builder
		b.WriteString(st.faint.Render(days[wd]) + " ")
		for wk := range heatWeeks {
			day := from.AddDate(0, 0, wk*7+wd)
			if day.After(h.now) {
				b.WriteString("  ")
				continue
			}
			n := h.activity[day.Format("2006-01-02")]
			total += n
			lvl := heatLevel(n)
			cell := st.heat[lvl].Render(glyphs[lvl])
			if h.day >= 0 && day.Equal(picked) {
				cell = st.selected.Render(glyphs[lvl])
			}
			b.WriteString(cell + " ")
		}
		lines = append(lines, strings.TrimRight(b.String(), " "))
	}
	legend := st.faint.Render("    less ")
	for i, g := range glyphs {
		legend += st.heat[i].Render(g) + " "
	}
	legend += st.faint.Render("more   " + words.Count(total, "answer"))
	if h.day >= 0 {
		legend += st.faint.Render("   ") + st.bold.Render(picked.Format("Mon 2 Jan")+": "+words.Count(h.activity[picked.Format("2006-01-02")], "answer"))
	}
	return append(lines, legend)
}

func heatLevel(n int) int {
	switch {
	case n <= 0:
		return 0
	case n <= 2:
		return 1
	case n <= 5:
		return 2
	case n <= 9:
		return 3
	}
	return 4
}
