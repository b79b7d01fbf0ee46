// Package render renders playbook markdown for the terminal with glamour.
package render

import "errors"

// Style is a rendering style.
type Style string

// Styles.
const (
	Dark  Style = "dark"
	Light Style = "light"
	Plain Style = "notty" // no escape sequences at all
)

// Renderer renders markdown, caching a glamour renderer per width and
// style. It is safe for concurrent use.
type Renderer struct{}

// New returns a renderer.
func New() *Renderer { return &Renderer{} }

// Markdown renders sanitised src at width in style; the output carries no
// escape sequence but SGR styling.
func (r *Renderer) Markdown(src string, width int, style Style) (string, error) {
	return "", errors.New("render: not implemented")
}
