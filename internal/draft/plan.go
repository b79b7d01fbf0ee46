package draft

import (
	"strconv"
	"strings"

	"github.com/playdrill/playdrill/internal/grade"
)

// doc is the playbook a page becomes, before it is written.
type doc struct {
	p           *page
	procs       []*proc
	competitors []string
	// dropped is how many names the last call of names found.
	dropped int
	// checker and alone ask the grader about key points (see makesAlone).
	checker *grade.Checker
	alone   map[string]bool
}

// proc is a process of the draft.
type proc struct {
	title string
	intro []chunk
	steps []*step
	// faq marks a process whose steps are questions (a customer FAQ):
	// topics to look up, not stages to go through in order.
	faq bool
}

// step is a step of the draft: a section of the page and the sections
// under it.
type step struct {
	sec    *section
	title  string
	before []chunk // page text that had no step of its own, kept here
	cards  []*card
	done   []string
	// result is what the page says the step must reach, if it says.
	result string
	// cut is set when the page had more cards for the step than it may
	// have.
	cut bool
}

// chunk is a run of the page's own markdown, kept as written.
type chunk struct {
	sec *section
}

// stepLevel is the heading level of the page's stages: the level of its
// numbered headings ("### 1. Qualify"), else the highest level that has
// more than one heading, else the level of its one heading under the title.
func (p *page) stepLevel() int {
	var count, numbered [7]int
	for _, s := range p.all {
		count[s.level]++
		if s.numbered {
			numbered[s.level]++
		}
	}
	for l := 1; l <= 6; l++ {
		if numbered[l] >= 2 {
			return l
		}
	}
	for l := 1; l <= 6; l++ {
		if count[l] >= 2 {
			return l
		}
	}
	title := p.titleHeading() != ""
	for l := 1; l <= 6; l++ {
		if count[l] == 1 && !(l == 1 && title) {
			return l
		}
	}
	return 1
}

// plan decides the draft's processes and steps.
func (p *page) plan() *doc {
	d := &doc{p: p}
	level := p.stepLevel()
	pending := []chunk{{sec: p.root}}
	var cur *proc
	newProc := func(title string) {
		cur = &proc{title: title, intro: pending}
		pending = nil
		d.procs = append(d.procs, cur)
	}
	addStep := func(s *section) {
		if cur == nil {
			newProc(p.title)
		}
		st := &step{sec: s, title: s.title, before: pending}
		pending = nil
		cur.steps = append(cur.steps, st)
	}
	var visit func(s *section)
	visit = func(s *section) {
		if isContents(s) {
			return
		}
		if s.level >= level || !s.hasLevel(level) {
			addStep(s)
			return
		}
		direct := false
		for _, c := range s.children {
			direct = direct || c.level >= level
		}
		if direct {
			title := s.title
			if title == "" {
				title = p.title
			}
			pending = append(pending, chunk{sec: s})
			newProc(title)
		} else {
			pending = append(pending, chunk{sec: s})
		}
		for _, c := range s.children {
			visit(c)
		}
	}
	for _, c := range p.root.children {
		visit(c)
	}
	if cur == nil {
		// A page without headings is one step.
		root := p.root
		pending = nil
		cur = &proc{title: p.title}
		d.procs = append(d.procs, cur)
		cur.steps = append(cur.steps, &step{sec: root, title: p.title})
	} else if len(pending) > 0 {
		last := cur.steps[len(cur.steps)-1]
		last.before = append(last.before, pending...)
	}
	for _, pr := range d.procs {
		if pr.title == "" {
			pr.title = p.title
		}
		questions := 0
		for j, st := range pr.steps {
			if st.title == "" {
				st.title = "Section " + strconv.Itoa(j+1)
			}
			if strings.HasSuffix(st.title, "?") {
				questions++
			}
		}
		pr.faq = questions*2 > len(pr.steps)
	}
	d.findCards()
	return d
}

// hasLevel reports whether a section under s is at level or deeper.
func (s *section) hasLevel(level int) bool {
	for _, c := range s.children {
		if c.level >= level || c.hasLevel(level) {
			return true
		}
	}
	return false
}

// isContents reports whether s is a table of contents: the page's own links,
// which a playbook does not need.
func isContents(s *section) bool {
	if len(s.children) > 0 {
		return false
	}
	switch strings.ToLower(s.title) {
	case "table of contents", "contents", "toc", "on this page", "in this page":
		return true
	}
	return false
}

// descendants lists the sections under s in reading order.
func (s *section) descendants() []*section {
	var out []*section
	var walk func(*section)
	walk = func(x *section) {
		for _, c := range x.children {
			out = append(out, c)
			walk(c)
		}
	}
	walk(s)
	return out
}
