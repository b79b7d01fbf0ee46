package tui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// styles are the UI's lipgloss styles for one background and colour mode.
// A colourless UI keeps bold and faint but carries no colour at all.
type styles struct {
	noColor bool

	title, header, faint, bold, accent lipgloss.Style
	good, bad, warn, selected, status  lipgloss.Style
	statusErr, box, barFull, barEmpty  lipgloss.Style
	heat                               [5]lipgloss.Style
}

func newStyles(dark, noColor bool) styles {
	s := styles{noColor: noColor}
	base := lipgloss.NewStyle()
	s.bold = base.Bold(true)
	s.faint = base.Faint(true)
	s.box = base.Border(lipgloss.RoundedBorder()).Padding(0, 1)
	if noColor {
		s.title = s.bold
		s.header = s.bold
		s.accent = s.bold
		s.good = base
		s.bad = base
		s.warn = s.bold
		s.selected = base.Reverse(true)
		s.status = s.faint
		s.statusErr = s.bold
		s.barFull = base
		s.barEmpty = s.faint
		for i := range s.heat {
			s.heat[i] = base
		}
		return s
	}
	ld := lipgloss.LightDark(dark)
	c := func(light, darkC string) color.Color { return ld(lipgloss.Color(light), lipgloss.Color(darkC)) }
	s.title = s.bold.Foreground(c("#5A3FC0", "#B9A6FF"))
	s.header = s.bold.Foreground(c("#1F5F8B", "#7FC8F8"))
	s.accent = base.Foreground(c("#5A3FC0", "#B9A6FF"))
	s.good = base.Foreground(c("#1E7A34", "#6BDB8A"))
	s.bad = base.Foreground(c("#B3261E", "#FF8A80"))
	s.warn = s.bold.Foreground(c("#9A5B00", "#FFC466"))
	s.selected = s.bold.Foreground(c("#FFFFFF", "#1A1A1A")).Background(c("#5A3FC0", "#B9A6FF"))
	s.status = base.Foreground(c("#555555", "#9E9E9E"))
	s.statusErr = s.bold.Foreground(c("#B3261E", "#FF8A80"))
	s.barFull = base.Foreground(c("#1E7A34", "#6BDB8A"))
	s.barEmpty = base.Foreground(c("#CCCCCC", "#444444"))
	s.box = s.box.BorderForeground(c("#5A3FC0", "#B9A6FF"))
	heat := []string{"#DDDDDD", "#9BE9A8", "#40C463", "#30A14E", "#216E39"}
	heatDark := []string{"#333333", "#0E4429", "#006D32", "#26A641", "#39D353"}
	for i := range s.heat {
		s.heat[i] = base.Foreground(c(heat[i], heatDark[i]))
	}
	return s
}

// bar draws a readiness bar of width cells for r in 0..1.
func (s styles) bar(r float64, width int) string {
	if r < 0 {
		r = 0
	}
	if r > 1 {
		r = 1
	}
	full := int(r*float64(width) + 0.5)
	return s.barFull.Render(strings.Repeat("█", full)) + s.barEmpty.Render(strings.Repeat("░", width-full))
}
