// Package playbook holds playdrill's domain: the playbook a manager writes
// (processes, steps, cards) and the progress a rep makes on it (attempts,
// card states, completions, feedback). It imports nothing but the standard
// library; parsing, storage and screens depend on it, never the reverse.
package playbook

import (
	"strconv"
	"strings"
)

// Playbook is a parsed playbook: processes in order, each with its steps.
type Playbook struct {
	Title       string
	Version     string
	Competitors []string
	// Files are the source files in reading order, relative to the playbook
	// root (a single file playbook has one).
	Files []string
	// Sums are the sha256 (hex) of each source file's bytes as read, by
	// file name as in Files (nil when unknown): a dispute keeps the sum of
	// its card's file, so review can tell whether the file changed since.
	Sums      map[string]string
	Processes []*Process
	// Glossary is the playbook's own vocabulary, from the front matter of
	// its files; every card's Glossary is this one.
	Glossary []GlossaryEntry
}

// GlossaryEntry is one entry of a playbook's glossary: a term of the
// team's own vocabulary and what it means ("EB" and "economic buyer").
// Answers may say any of them wherever a key point or a never-say phrase
// says another.
type GlossaryEntry struct {
	Term  string
	Means []string
	Pos   Pos
}

// Process is a `#` heading: an ordered series of steps.
type Process struct {
	ID    string
	Title string
	// Intro is the markdown between the process heading and its first step.
	Intro string
	Steps []*Step
	// Order is the process's ordering card (its steps in order). It is also
	// the last card of the process's last step.
	Order *Card
	// Reference marks a process of topics to look up (an FAQ, a
	// framework) rather than steps to follow in order: its steps need no
	// result, are never gated and it has no ordering card.
	Reference bool
	// Preface is the markdown before the first heading of the process's
	// file, kept on the file's first process so readers still see it.
	Preface string
	Pos     Pos
}

// Step is a `##` heading: one step of a process with the result it must reach.
type Step struct {
	ID      string
	Title   string
	Process string // id of the process
	// Result is the result the step must reach, as written after `Result:`.
	Result      string
	MustMention []KeyPoint
	NeverSay    []string
	DoneWhen    []string
	// Body is the step's whole markdown section (heading included), kept so
	// the learn screen and `show` can render it as the author wrote it.
	Body string
	// Prose is Body without the heading, the result with its key points
	// and the done-when list: what a reader sees under those.
	Prose string
	// Cards are the step's cards in order; the result card comes first.
	Cards []*Card
	// Reference marks a topic rather than a step in order (the step or its
	// process is marked as reference): it needs no result and is neither
	// gated nor a gate for the steps after it.
	Reference bool
	Pos       Pos
}

// Kind is the kind of a card.
type Kind string

// Card kinds.
const (
	KindResult         Kind = "result"
	KindRecall         Kind = "recall"
	KindChoice         Kind = "choice"
	KindClassify       Kind = "classify"
	KindDifferentiator Kind = "differentiator"
	KindOrder          Kind = "order"
	// KindCloze is one deletion of a `Cloze:` paragraph: the rep types
	// the blanked words.
	KindCloze Kind = "cloze"
	// KindObjection is a prospect's objection under `### Objections`: the
	// rep types the response.
	KindObjection Kind = "objection"
)

// Kinds lists every card kind.
var Kinds = []Kind{KindResult, KindRecall, KindChoice, KindClassify, KindDifferentiator, KindOrder, KindCloze, KindObjection}

// Typed reports whether the rep answers the card by typing text, graded
// against key points (as opposed to picking options or ordering items).
func (k Kind) Typed() bool {
	switch k {
	case KindResult, KindRecall, KindDifferentiator, KindCloze, KindObjection:
		return true
	}
	return false
}

// KeyPoint is one point an answer must make; any one of its alternates hits it.
//
// A point written "any N of: A, B | B2, C" is made by naming Need of its
// Items (each an ordinary point with alternates); its Alternates then hold
// the point as written.
type KeyPoint struct {
	Alternates []string
	// Need is how many Items an answer must name; 0 for an ordinary point.
	Need  int
	Items []KeyPoint
}

// String renders the point as written in the playbook: alternates joined by " | ".
func (k KeyPoint) String() string {
	return strings.Join(k.Alternates, " | ")
}

// Text is the point as a rep reads it on any screen or through a screen
// reader: alternates joined by "or".
func (k KeyPoint) Text() string {
	if k.Need > 0 {
		items := make([]string, len(k.Items))
		for i, it := range k.Items {
			items[i] = it.Text()
		}
		return "any " + strconv.Itoa(k.Need) + " of: " + strings.Join(items, ", ")
	}
	return strings.Join(k.Alternates, " or ")
}

// Card is one thing a rep is drilled on.
type Card struct {
	// ID is stable across edits of the card's answer.
	ID      string
	Kind    Kind
	Step    string // id of the step the card belongs to
	Process string // id of the process
	// Prompt is what the rep is asked (plain text, sanitised).
	Prompt string
	// Answer is the model answer (markdown) shown after grading.
	Answer      string
	MustMention []KeyPoint
	NeverSay    []string
	// Options are the choices of a choice or classify card, in source order.
	Options []string
	// Correct holds the indexes of the correct Options.
	Correct []int
	// Why explains a classify row's category.
	Why string
	// Stem is the question a table's rows answer, for a classify card from
	// a table under a `Q:` line ("" for rules of engagement).
	Stem string
	// Items are an order card's items in their correct order.
	Items []string
	// Competitor is the competitor a differentiator card names, if any.
	Competitor string
	// Glossary is the playbook's glossary, which grading uses with the
	// built-in thesaurus.
	Glossary []GlossaryEntry
	// Hash changes with any edit of the card's content.
	Hash string
	Pos  Pos
}

// Pos is a position in a playbook source file (1-based line and column).
type Pos struct {
	File string
	Line int
	Col  int
}

// Cards returns every card of the playbook in playbook order.
func (p *Playbook) Cards() []*Card {
	var cards []*Card
	for _, proc := range p.Processes {
		for _, s := range proc.Steps {
			cards = append(cards, s.Cards...)
		}
	}
	return cards
}

// Steps returns every step in playbook order (the onboarding path).
func (p *Playbook) Steps() []*Step {
	var steps []*Step
	for _, proc := range p.Processes {
		steps = append(steps, proc.Steps...)
	}
	return steps
}

// Step finds a step by id.
func (p *Playbook) Step(id string) (*Step, bool) {
	for _, proc := range p.Processes {
		for _, s := range proc.Steps {
			if s.ID == id {
				return s, true
			}
		}
	}
	return nil, false
}

// Card finds a card by id.
func (p *Playbook) Card(id string) (*Card, bool) {
	for _, proc := range p.Processes {
		for _, s := range proc.Steps {
			for _, c := range s.Cards {
				if c.ID == id {
					return c, true
				}
			}
		}
	}
	return nil, false
}

// Process finds a process by id.
func (p *Playbook) Process(id string) (*Process, bool) {
	for _, proc := range p.Processes {
		if proc.ID == id {
			return proc, true
		}
	}
	return nil, false
}
