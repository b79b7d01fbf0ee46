package tui

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/playdrill/playdrill/internal/playbook"
	"github.com/playdrill/playdrill/internal/safe"
	"github.com/playdrill/playdrill/internal/words"
)

// cleanLine makes untrusted playbook text safe to print on one line.
func cleanLine(s string) string {
	s = safe.Text(s)
	if strings.ContainsAny(s, "\n\t\r") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// clean makes untrusted multi-line text safe to print.
func clean(s string) string {
	return strings.ReplaceAll(safe.Text(s), "\t", "    ")
}

// wrap word-wraps untrusted text to width columns and returns its lines.
func wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	return strings.Split(ansi.Wrap(clean(s), width, ""), "\n")
}

// fallbackText is what the rep sees when markdown cannot be rendered: the
// sanitised source, wrapped.
func fallbackText(src string, width int) string {
	return strings.Join(wrap(src, width), "\n")
}

func itoa(n int) string { return strconv.Itoa(n) }

func percent(f float64) string {
	if f < 0 {
		f = 0
	}
	return strconv.Itoa(int(f*100+0.5)) + "%"
}

// padRight pads s with spaces to width columns (ANSI-aware).
func padRight(s string, width int) string {
	w := ansi.StringWidth(s)
	if w >= width {
		return ansi.Truncate(s, width, "…")
	}
	return s + strings.Repeat(" ", width-w)
}

// ansiOneLine truncates a styled line to width columns.
func ansiOneLine(s string, width int) string {
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, max(width, 1), "…")
}

// nextReview says when the next card falls due, seen from now: "in 9
// minutes", "today at 15:04", "tomorrow at 09:30", "on Mon 2 Mar".
func nextReview(now, next time.Time) string {
	next = next.In(now.Location())
	d := next.Sub(now)
	if d < time.Hour {
		return "in " + words.Count(max(int((d+time.Minute-1)/time.Minute), 1), "minute")
	}
	y, mo, day := now.Date()
	today := time.Date(y, mo, day, 0, 0, 0, 0, now.Location())
	switch {
	case next.Before(today.AddDate(0, 0, 1)):
		return "today at " + next.Format("15:04")
	case next.Before(today.AddDate(0, 0, 2)):
		return "tomorrow at " + next.Format("15:04")
	}
	return "on " + next.Format("Mon 2 Jan")
}

// trimBlankLines drops the blank lines (spaces and styling only) a
// markdown renderer puts above and below its output, so a rendered answer
// sits under its heading like every other section.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// pointText is a key point as a rep reads it: its first wording, then the
// others it may be said with, "none (or zero, no leads)".
func pointText(kp playbook.KeyPoint) string { return keyPointLine(kp) }
