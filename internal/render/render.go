// Package render renders playbook markdown for the terminal with glamour.
package render

import (
	"fmt"
	"strings"
	"sync"

	"charm.land/glamour/v2"

	"github.com/playdrill/playdrill/internal/safe"
)

// Style is a rendering style.
type Style string

// Styles.
const (
	Dark  Style = "dark"
	Light Style = "light"
	Plain Style = "notty" // no escape sequences at all
)

// Limits on the width a renderer is built for: below minWidth glamour's
// margins leave no room for text, and above maxWidth the cache would only
// grow with widths no terminal has.
const (
	minWidth = 20
	maxWidth = 500
)

// maxCached bounds the renderers kept at once.
const maxCached = 16

// Renderer renders markdown, caching a glamour renderer per width and
// style. It is safe for concurrent use.
type Renderer struct {
	mu    sync.Mutex
	cache map[key]*glamour.TermRenderer
}

type key struct {
	width int
	style Style
}

// New returns a renderer.
func New() *Renderer { return &Renderer{cache: map[key]*glamour.TermRenderer{}} }

// Markdown renders sanitised src at width in style; the output carries no
// escape sequence but SGR styling, and none at all in the Plain style.
// A width outside 20..500 is clamped to it.
func (r *Renderer) Markdown(src string, width int, style Style) (string, error) {
	width = min(max(width, minWidth), maxWidth)
	src = safe.Markdown(src)

	// A glamour TermRenderer keeps state while it renders, so one render at
	// a time; rendering is the slow part, but the cache is shared by the
	// whole program and renders are rare enough not to contend.
	r.mu.Lock()
	defer r.mu.Unlock()
	tr, err := r.termRenderer(width, style)
	if err != nil {
		return "", err
	}
	out, err := renderSegments(tr, src, width, style)
	if err != nil {
		return "", err
	}
	if style == Plain {
		// The plain style still wraps links in OSC 8 sequences, and pads
		// every line to the width, which only gets in the way of a pipe.
		return trimLines(safe.StripTerminal(out)), nil
	}
	return safe.Terminal(out), nil
}

// documentMargin is the left margin of glamour's standard styles, which
// tables laid out here share.
const documentMargin = 2

// renderSegments renders src with tr, but for its tables, which are laid
// out here (see table.go).
func renderSegments(tr *glamour.TermRenderer, src string, width int, style Style) (string, error) {
	segs := splitTables(src)
	var b strings.Builder
	for _, seg := range segs {
		if seg.table != nil {
			out, ok := renderTable(seg.table, width, documentMargin, style == Plain)
			if !ok {
				out = stacked(seg.table, width, documentMargin, style == Plain)
			}
			b.WriteString(out)
			b.WriteString("\n")
			continue
		}
		out, err := tr.Render(seg.text)
		if err != nil {
			return "", fmt.Errorf("render: %w", err)
		}
		b.WriteString(out)
	}
	return b.String(), nil
}

// termRenderer returns the cached glamour renderer for width and style,
// building it on first use. r.mu must be held.
func (r *Renderer) termRenderer(width int, style Style) (*glamour.TermRenderer, error) {
	k := key{width, style}
	if tr, ok := r.cache[k]; ok {
		return tr, nil
	}
	switch style {
	case Dark, Light, Plain:
	default:
		return nil, fmt.Errorf("render: unknown style %q", style)
	}
	tr, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(string(style)),
		glamour.WithWordWrap(width),
	)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if r.cache == nil || len(r.cache) >= maxCached {
		// A window dragged through many widths would otherwise keep a
		// renderer for each; starting over is cheap.
		r.cache = map[key]*glamour.TermRenderer{}
	}
	r.cache[k] = tr
	return tr, nil
}

// trimLines removes the spaces glamour pads each line with.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
