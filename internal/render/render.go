// Package render renders playbook markdown for the terminal with glamour.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

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
	cache map[key]goldmark.Markdown
}

type key struct {
	width int
	style Style
}

// New returns a renderer.
func New() *Renderer { return &Renderer{cache: map[key]goldmark.Markdown{}} }

// MaxDepth is the deepest the parsed markdown may nest (emphasis inside
// emphasis, lists inside quotes...) to be rendered: the renderer recurses
// once per level, and text nested tens of thousands deep exhausts its stack.
// Lint refuses far shallower nesting; this guards every other way in.
const MaxDepth = 100

// ErrTooDeep is returned for markdown nested deeper than MaxDepth.
var ErrTooDeep = errors.New("render: the text nests too deep to be shown")

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
	md, err := r.termRenderer(width, style)
	if err != nil {
		return "", err
	}
	out, err := renderSegments(md, src, width, style)
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

// renderSegments renders src with md, but for its tables, which are laid
// out here (see table.go).
func renderSegments(md goldmark.Markdown, src string, width int, style Style) (string, error) {
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
		for i, part := range chunks(seg.text) {
			out, err := renderText(md, part)
			if err != nil {
				return "", err
			}
			if i > 0 {
				// Each document starts with a blank line the whole
				// text would have had once.
				out = strings.TrimPrefix(out, "\n")
			}
			b.WriteString(out)
		}
	}
	return b.String(), nil
}

// chunkSize is the size a long text is cut into before it is rendered.
// The renderer's time per byte grows with the size of the document it
// holds (a larger tree, more garbage to collect); rendering a long text a
// section at a time keeps a 10,000-step playbook as fast per step as a
// 100-step one.
var chunkSize = 32 << 10 // a variable so that tests can cut short texts

// chunks cuts src before `#` and `##` headings (outside code fences) into
// parts of about chunkSize bytes; shorter text stays whole. Rendered one
// after the other, the parts read as the whole text does.
func chunks(src string) []string {
	if len(src) <= 2*chunkSize {
		return []string{src}
	}
	var parts []string
	start, fence := 0, ""
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off + 1
		}
		line := strings.TrimLeft(src[off:end], " ")
		switch {
		case fence != "":
			if strings.HasPrefix(line, fence) {
				fence = ""
			}
		case strings.HasPrefix(line, "```") || strings.HasPrefix(line, "~~~"):
			fence = line[:3]
		case off-start >= chunkSize && (strings.HasPrefix(line, "# ") || strings.HasPrefix(line, "## ")) && off > 0 && src[off-1] == '\n':
			parts = append(parts, src[start:off])
			start = off
		}
		off = end
	}
	return append(parts, src[start:])
}

// renderText renders markdown with md, refusing a document nested deeper
// than MaxDepth before the renderer recurses into it.
func renderText(md goldmark.Markdown, src string) (string, error) {
	source := []byte(src)
	doc := md.Parser().Parse(text.NewReader(source))
	if depth(doc) > MaxDepth {
		return "", ErrTooDeep
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, source, doc); err != nil {
		return "", fmt.Errorf("render: %w", err)
	}
	return buf.String(), nil
}

// termRenderer returns the cached renderer for width and style, building
// it on first use. r.mu must be held.
//
// It is glamour's terminal renderer on goldmark set up as glamour sets it
// up (GitHub markdown, definition lists, heading ids), built here so that
// the parsed document can be checked and adjusted before it is rendered.
func (r *Renderer) termRenderer(width int, style Style) (goldmark.Markdown, error) {
	k := key{width, style}
	if md, ok := r.cache[k]; ok {
		return md, nil
	}
	var cfg *ansi.StyleConfig
	switch style {
	case Dark, Light, Plain:
		cfg = styles.DefaultStyles[string(style)]
	}
	if cfg == nil {
		return nil, fmt.Errorf("render: unknown style %q", style)
	}
	look := *cfg
	if style != Plain {
		look = withoutHashes(look)
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(listRuns{}, 1000)),
		),
	)
	// Set after the extensions, which would otherwise add their HTML
	// renderers to it.
	md.SetRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(
		util.Prioritized(ansi.NewRenderer(ansi.Options{WordWrap: width, Styles: look}), 1000),
		util.Prioritized(listRuns{}, 1000),
	)))
	if r.cache == nil || len(r.cache) >= maxCached {
		// A window dragged through many widths would otherwise keep a
		// renderer for each; starting over is cheap.
		r.cache = map[key]goldmark.Markdown{}
	}
	r.cache[k] = md
	return md, nil
}

// depth is how deep doc nests.
func depth(doc ast.Node) int {
	deepest := 0
	each(doc, func(_ ast.Node, d int) { deepest = max(deepest, d) })
	return deepest
}

// each calls fn with every node under root and its depth, in document
// order, without recursion so that any depth can be walked.
func each(root ast.Node, fn func(n ast.Node, depth int)) {
	n, d := root.FirstChild(), 1
	for n != nil {
		fn(n, d)
		if c := n.FirstChild(); c != nil {
			n, d = c, d+1
			continue
		}
		for n != root && n.NextSibling() == nil {
			n, d = n.Parent(), d-1
		}
		if n == root {
			return
		}
		n = n.NextSibling()
	}
}

// runLength is how many items of an unordered list are rendered as one
// run. The renderer finds each item's place by counting the items before it,
// which makes a long list cost the square of its length; a break every
// runLength items keeps the count short and changes nothing on screen.
const runLength = 32

// listRuns puts an invisible break between runs of runLength items in each
// unordered list. Ordered lists are left whole: their numbers come from that
// count (lint keeps them short).
type listRuns struct{}

var kindRunBreak = ast.NewNodeKind("RunBreak")

// runBreak renders as nothing.
type runBreak struct{ ast.BaseBlock }

func (*runBreak) Kind() ast.NodeKind              { return kindRunBreak }
func (b *runBreak) Dump(source []byte, level int) { ast.DumpHelper(b, source, level, nil, nil) }

// RegisterFuncs renders a break as nothing.
func (listRuns) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindRunBreak, func(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
		return ast.WalkContinue, nil
	})
}

func (listRuns) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var lists []*ast.List
	each(doc, func(n ast.Node, _ int) {
		if l, ok := n.(*ast.List); ok && !l.IsOrdered() && l.ChildCount() > runLength {
			lists = append(lists, l)
		}
	})
	for _, l := range lists {
		i := 0
		for c := l.FirstChild(); c != nil; c = c.NextSibling() {
			i++
			if i%runLength == 0 && c.NextSibling() != nil {
				l.InsertAfter(l, c, &runBreak{})
				c = c.NextSibling()
			}
		}
	}
}

// withoutHashes drops the "## " glamour puts before headings in colour:
// colour and bold already mark a heading, and a rep should not meet
// markdown's syntax. Plain text keeps them, as the only mark there is.
func withoutHashes(cfg ansi.StyleConfig) ansi.StyleConfig {
	for _, h := range []*ansi.StyleBlock{&cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
		h.Prefix = ""
	}
	return cfg
}

// trimLines removes the spaces glamour pads each line with.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
