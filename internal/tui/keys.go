package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// Key maps are structs of key.Binding so that the same bindings drive both
// Update and the help view.

// upKey and downKey move a cursor or scroll; what names the move in help.
func upKey(what string) key.Binding {
	return key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", what))
}

func downKey(what string) key.Binding {
	return key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", what))
}

type globalKeys struct {
	Help, Quit, Suspend key.Binding
}

func newGlobalKeys() globalKeys {
	return globalKeys{
		Help: key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		// In raw mode the terminal no longer stops the program on ctrl+z;
		// without this the keys typed at the shell afterwards would land
		// in the app.
		Suspend: key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend")),
	}
}

type homeKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Open, Drill, Progress, Filter, ClearFilter, Quit key.Binding
	global                                                                                    globalKeys
	// nothingToDrill: nothing due and nothing new; d is not offered.
	nothingToDrill bool
}

func newHomeKeys(g globalKeys) homeKeys {
	return homeKeys{
		Up:       upKey("up"),
		Down:     downKey("down"),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open step")),
		Drill:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "drill")),
		Progress: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "progress")),
		Filter:   key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		Quit:     key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "first step")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "last step")),
		ClearFilter: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter"),
			key.WithDisabled()),
		global: g,
	}
}

func (k homeKeys) ShortHelp() []key.Binding {
	if k.nothingToDrill {
		return []key.Binding{k.Open, k.ClearFilter, k.Progress, k.Filter, k.Quit, k.global.Help}
	}
	return []key.Binding{k.Drill, k.Open, k.ClearFilter, k.Progress, k.Filter, k.Quit, k.global.Help}
}

func (k homeKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom, k.Open}, {k.Drill, k.Progress, k.Filter, k.ClearFilter}, {k.Quit, k.global.Quit, k.global.Help}}
}

// filterKeys apply while the rep types a filter on Home.
type filterKeys struct {
	Apply, Clear key.Binding
	global       globalKeys
}

func newFilterKeys(g globalKeys) filterKeys {
	return filterKeys{
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "apply filter")),
		Clear:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		global: g,
	}
}

func (k filterKeys) ShortHelp() []key.Binding { return []key.Binding{k.Apply, k.Clear, k.global.Quit} }
func (k filterKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Apply, k.Clear}, {k.global.Quit}}
}

type learnKeys struct {
	scrollKeys
	Drill key.Binding
}

func newLearnKeys(g globalKeys) learnKeys {
	return learnKeys{
		scrollKeys: newScrollKeys(g, "back"),
		Drill:      key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "drill this step")),
	}
}

func (k learnKeys) ShortHelp() []key.Binding {
	b := append([]key.Binding{k.Drill}, k.moves()...)
	return append(b, k.Back, k.global.Help)
}
func (k learnKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom}, {k.Drill, k.Back}, {k.global.Quit, k.global.Help}}
}

// answerKind says which widget takes the answer to a card.
type answerKind int

const (
	answerTyped answerKind = iota
	answerPick
	answerOrder
)

// answerKeys apply while the rep answers a card: the answer widget's keys
// and the drill's own.
type answerKeys struct {
	Submit, End, Reveal, Skip, Yes, No key.Binding
	typed                              typedKeys
	pick                               pickKeys
	order                              orderKeys
	global                             globalKeys
	kind                               answerKind
	confirming                         bool
}

func newAnswerKeys(g globalKeys) answerKeys {
	return answerKeys{
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),
		End:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "end")),
		Reveal: key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("ctrl+o", "show answer")),
		Skip:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "skip")),
		Yes:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "end session")),
		No:     key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "keep answering")),
		typed:  newTypedKeys(),
		pick:   newPickKeys(),
		order:  newOrderKeys(),
		global: g,
	}
}

func (k answerKeys) ShortHelp() []key.Binding {
	if k.confirming {
		return []key.Binding{k.Yes, k.No}
	}
	switch k.kind {
	case answerTyped:
		return []key.Binding{k.Submit, k.Reveal, k.Skip, k.End, k.typed.Newline}
	case answerOrder:
		// One line at 80 columns: the two moves share an entry; ? still
		// opens the help.
		move := key.NewBinding(key.WithKeys("shift+up", "shift+down"), key.WithHelp("shift+↑/↓", "move"))
		return []key.Binding{move, k.Submit, k.Reveal, k.Skip, k.End}
	default:
		return []key.Binding{k.pick.Toggle, k.Submit, k.Reveal, k.Skip, k.End}
	}
}

func (k answerKeys) FullHelp() [][]key.Binding {
	if k.confirming {
		return [][]key.Binding{{k.Yes, k.No}}
	}
	switch k.kind {
	case answerTyped:
		return [][]key.Binding{{k.Submit, k.typed.Newline}, {k.Reveal, k.Skip}, {k.End, k.global.Quit}}
	case answerOrder:
		return [][]key.Binding{{k.order.Up, k.order.Down}, {k.order.MoveUp, k.order.MoveDown}, {k.Submit, k.Reveal, k.Skip}, {k.End, k.global.Quit, k.global.Help}}
	default:
		return [][]key.Binding{{k.pick.Up, k.pick.Down, k.pick.Toggle, k.pick.Number}, {k.Submit, k.Reveal, k.Skip}, {k.End, k.global.Quit, k.global.Help}}
	}
}

// nextStepKeys answer the offer to read a step that opened in a session.
type nextStepKeys struct {
	Drill, Learn, End key.Binding
	global            globalKeys
}

func newNextStepKeys(g globalKeys) nextStepKeys {
	return nextStepKeys{
		Drill:  key.NewBinding(key.WithKeys("enter", "d"), key.WithHelp("enter", "drill it now")),
		Learn:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", "read it first")),
		End:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "end session")),
		global: g,
	}
}

func (k nextStepKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Drill, k.Learn, k.End, k.global.Help}
}
func (k nextStepKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Drill, k.Learn}, {k.End, k.global.Quit, k.global.Help}}
}

// rateKeys apply once a card is graded.
type rateKeys struct {
	Again, Hard, Good, Easy, Accept, Feedback, Dispute, Up, Down, End key.Binding
	global                                                            globalKeys
	// atTop and atBottom say where the graded card's page is: the help
	// line offers ↓ and ↑ only where they move it.
	atTop, atBottom bool
}

func newRateKeys(g globalKeys) rateKeys {
	return rateKeys{
		Again:    key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "again")),
		Hard:     key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "hard")),
		Good:     key.NewBinding(key.WithKeys("3"), key.WithHelp("3", "good")),
		Easy:     key.NewBinding(key.WithKeys("4"), key.WithHelp("4", "easy")),
		Accept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "accept")),
		Feedback: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "feedback")),
		Dispute:  key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "dispute")),
		Up:       key.NewBinding(key.WithKeys("up", "k", "pgup"), key.WithHelp("↑", "scroll")),
		Down:     key.NewBinding(key.WithKeys("down", "j", "pgdown"), key.WithHelp("↓", "scroll")),
		End:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "end session")),
		global:   g,
	}
}

// ShortHelp leaves the ratings out: the rating line above shows them.
// Dispute is enabled only for an answer that can be disputed; it takes
// the place of ↑ (still in the full help), so the line fits 80 columns.
func (k rateKeys) ShortHelp() []key.Binding {
	b := []key.Binding{k.Accept, k.Feedback}
	if k.Dispute.Enabled() {
		b = append(b, k.Dispute)
	}
	if !k.atBottom {
		b = append(b, k.Down)
	}
	if !k.atTop && !k.Dispute.Enabled() {
		b = append(b, k.Up)
	}
	return append(b, k.End, k.global.Help)
}
func (k rateKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Again, k.Hard, k.Good, k.Easy, k.Accept}, {k.Feedback, k.Dispute, k.Up, k.Down}, {k.End, k.global.Quit, k.global.Help}}
}

// inputKeys apply to small one-line inputs (feedback, a new rep's name).
type inputKeys struct {
	Save, Cancel key.Binding
	global       globalKeys
}

func newInputKeys(g globalKeys, save string) inputKeys {
	return inputKeys{
		Save:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", save)),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		global: g,
	}
}

func (k inputKeys) ShortHelp() []key.Binding { return []key.Binding{k.Save, k.Cancel, k.global.Quit} }
func (k inputKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Save, k.Cancel}, {k.global.Quit}}
}

// listKeys drive the rep picker and the session summary.
type listKeys struct {
	Up, Down, Choose, Back key.Binding
	global                 globalKeys
}

func newListKeys(g globalKeys, choose, back string) listKeys {
	k := listKeys{
		Up:     upKey("up"),
		Down:   downKey("down"),
		Choose: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", choose)),
		Back:   key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", back)),
		global: g,
	}
	return k
}

func (k listKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Choose, k.Back, k.global.Help}
}
func (k listKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down}, {k.Choose, k.Back}, {k.global.Quit, k.global.Help}}
}

// scrollKeys drive the pages that scroll: the learn screen, Progress and
// the problems view.
type scrollKeys struct {
	Up, Down, PageUp, PageDown, Top, Bottom, Back key.Binding
	global                                        globalKeys
	// atTop and atBottom say where the page is (see at), so that the help
	// line offers only the moves that move it.
	atTop, atBottom bool
}

// at marks where vp is; a screen's KeyMap calls it on its copy of the keys.
func (k *scrollKeys) at(vp *viewport.Model) {
	k.atTop, k.atBottom = vp.AtTop(), vp.AtBottom()
}

// moves are the paging keys worth offering: down while there is more below,
// up once at the end, none when all is shown.
func (k scrollKeys) moves() []key.Binding {
	switch {
	case !k.atBottom:
		return []key.Binding{k.Down, k.PageDown}
	case !k.atTop:
		return []key.Binding{k.Up, k.PageUp}
	}
	return nil
}

func newScrollKeys(g globalKeys, back string) scrollKeys {
	return scrollKeys{
		Up:       upKey("scroll up"),
		Down:     downKey("scroll down"),
		PageUp:   key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup", "page up")),
		PageDown: key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("space", "page down")),
		Top:      key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:   key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		Back:     key.NewBinding(key.WithKeys("esc", "q"), key.WithHelp("esc", back)),
		global:   g,
	}
}

func (k scrollKeys) ShortHelp() []key.Binding {
	return append(upDown(k.Down, k.Up, k.atTop, k.atBottom), k.Back, k.global.Help)
}

// upDown offers down while there is more below and up once scrolled.
func upDown(down, up key.Binding, atTop, atBottom bool) []key.Binding {
	var b []key.Binding
	if !atBottom {
		b = append(b, down)
	}
	if !atTop {
		b = append(b, up)
	}
	return b
}
func (k scrollKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Top, k.Bottom}, {k.Back, k.global.Quit, k.global.Help}}
}

// scroll moves vp for a scrolling key and reports whether msg was one.
func (k scrollKeys) scroll(vp *viewport.Model, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Up):
		vp.ScrollUp(1)
	case key.Matches(msg, k.Down):
		vp.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}

// progressKeys scroll the Progress screen and pick a day on its calendar.
type progressKeys struct {
	scrollKeys
	heat heatKeys
}

func (k progressKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.heat.Earlier, k.heat.Later}, {k.Back, k.global.Quit, k.global.Help}}
}

// problemsKeys scroll the playbook's problems and hide them.
type problemsKeys struct {
	Up, Down, PageUp, PageDown, Hide, Quit key.Binding
	global                                 globalKeys
	atTop, atBottom                        bool // where the list is scrolled
}

func newProblemsKeys(g globalKeys) problemsKeys {
	s := newScrollKeys(g, "")
	return problemsKeys{
		Up: s.Up, Down: s.Down, PageUp: s.PageUp, PageDown: s.PageDown,
		Hide:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "hide problems")),
		Quit:   key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		global: g,
	}
}

func (k problemsKeys) ShortHelp() []key.Binding {
	return append(upDown(k.Down, k.Up, k.atTop, k.atBottom), k.Hide, k.global.Help)
}
func (k problemsKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Up, k.Down, k.PageUp, k.PageDown}, {k.Hide, k.Quit, k.global.Quit, k.global.Help}}
}

// summaryKeys close the session summary.
type summaryKeys struct {
	Home   key.Binding
	global globalKeys
}

func newSummaryKeys(g globalKeys) summaryKeys {
	return summaryKeys{Home: key.NewBinding(key.WithKeys("enter", "esc", "q"), key.WithHelp("enter", "back home")), global: g}
}

func (k summaryKeys) ShortHelp() []key.Binding {
	return []key.Binding{k.Home, k.global.Quit, k.global.Help}
}
func (k summaryKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{{k.Home}, {k.global.Quit, k.global.Help}}
}
