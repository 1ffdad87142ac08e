package keymap

import "charm.land/bubbles/v2/key"

// ShareKeys are the share-link keys. Share, UploadLink and Links act on
// the focused pane (config names pane.share, pane.upload_link,
// pane.links). Copy to QR work inside the share and upload-link dialogs
// (config names share.*); those dialogs have text fields, so their keys
// are ones that cannot be typed: every printable key goes into the field
// being edited. DeletePage, CleanUp and OpenPage work in the links view,
// which has no text field (config names links.*).
type ShareKeys struct {
	Share      key.Binding // make a download link of the object(s)
	UploadLink key.Binding // make an upload link into the pane's location
	Links      key.Binding // list the links made in this run

	Copy       key.Binding // make the link (or copy it again) and copy it
	Close      key.Binding
	NextField  key.Binding
	PrevField  key.Binding
	PrevChoice key.Binding // previous preset / option on a choice row
	NextChoice key.Binding
	Toggle     key.Binding // flip the toggle under the cursor
	QR         key.Binding // show or hide the link's QR code

	DeletePage key.Binding // links view: delete the page under the cursor
	CleanUp    key.Binding // links view: delete the expired pages found
	OpenPage   key.Binding // links view: show a page's folder in the S3 pane
}

func defaultShare() ShareKeys {
	return ShareKeys{
		Share:      bind([]string{"s"}, "s", "share link"),
		UploadLink: bind([]string{"S"}, "S", "upload link"),
		Links:      bind([]string{"L"}, "L", "links made"),

		Copy:       bind([]string{"enter"}, "enter", "copy link"),
		Close:      bind([]string{"esc"}, "esc", "close"),
		NextField:  bind([]string{"tab", "down"}, "tab/↓", "next field"),
		PrevField:  bind([]string{"shift+tab", "up"}, "shift+tab/↑", "previous field"),
		PrevChoice: bind([]string{"left"}, "←", "previous choice"),
		NextChoice: bind([]string{"right"}, "→", "next choice"),
		Toggle:     bind([]string{"space"}, "space", "toggle"),
		QR:         bind([]string{"ctrl+q"}, "ctrl+q", "QR code"),

		DeletePage: bind([]string{"d", "delete"}, "d", "delete page"),
		CleanUp:    bind([]string{"X"}, "X", "delete expired pages"),
		OpenPage:   bind([]string{"o"}, "o", "open folder"),
	}
}

// paneActions are the share keys live with the global and pane keys.
func (s *ShareKeys) paneActions() []action {
	return []action{
		{"pane.share", &s.Share}, {"pane.upload_link", &s.UploadLink}, {"pane.links", &s.Links},
	}
}

// dialogActions are the keys inside the share dialogs.
func (s *ShareKeys) dialogActions() []action {
	return []action{
		{"share.copy", &s.Copy}, {"share.close", &s.Close},
		{"share.next_field", &s.NextField}, {"share.prev_field", &s.PrevField},
		{"share.prev_choice", &s.PrevChoice}, {"share.next_choice", &s.NextChoice},
		{"share.toggle", &s.Toggle}, {"share.qr", &s.QR},
	}
}

// linksActions are the keys of the links view, live with the dialog keys
// it moves, copies and closes with (share.copy and share.close also work
// there, as the same enter and esc by default).
func (s *ShareKeys) linksActions() []action {
	return []action{{"links.delete", &s.DeletePage}, {"links.clean_up", &s.CleanUp}, {"links.open", &s.OpenPage}}
}
