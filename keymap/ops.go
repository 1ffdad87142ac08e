package keymap

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
)

// OpsKeys are the file operations and what goes with them: delete,
// rename/move, new folder, metadata, versions, the preview column and
// switching a pane between local and S3 or between connections (config
// names pane.*); the
// bucket-list variants of new and delete (pane.new_bucket,
// pane.delete_bucket, which may share keys with new folder and delete:
// only one of each pair is live at a time); the keys of the operation
// forms (form.*), which have text fields and so use keys that cannot be
// typed; the keys of the versions dialog (versions.*); and of the
// incomplete uploads dialog (incomplete.*).
type OpsKeys struct {
	Delete      key.Binding // delete the selection (trash for local files)
	Move        key.Binding // rename, or move to another folder or pane
	Mkdir       key.Binding // new folder
	EditMeta    key.Binding // edit content type, cache-control, metadata, tags
	Versions    key.Binding // list an object's versions
	Preview     key.Binding // show or hide the preview column
	PreviewDown key.Binding // scroll the preview
	PreviewUp   key.Binding
	PreviewWrap key.Binding // wrap the preview's long lines, or cut them
	SwitchKind  key.Binding // show local files in this pane, or S3
	// Connections opens the connections picker: which connection this
	// pane shows in S3 (pane.connections).
	Connections key.Binding

	NewBucket    key.Binding // in the bucket list
	DeleteBucket key.Binding // in the bucket list

	FormNext   key.Binding
	FormPrev   key.Binding
	FormSubmit key.Binding // next field, or submit on the last one
	FormSave   key.Binding // submit from any field
	FormCancel key.Binding
	FormLeft   key.Binding // previous choice on a choice row
	FormRight  key.Binding // next choice on a choice row

	VersionDownload key.Binding
	VersionShare    key.Binding
	VersionRestore  key.Binding

	// Incomplete lists the unfinished multipart uploads under the S3
	// location (pane.incomplete); the others work in that dialog
	// (incomplete.*).
	Incomplete         key.Binding
	IncompleteAbort    key.Binding
	IncompleteAbortAll key.Binding
	IncompleteRefresh  key.Binding
}

func defaultOps() OpsKeys {
	return OpsKeys{
		Delete:      bind([]string{"d", "f8"}, "d/F8", "delete"),
		Move:        bind([]string{"R", "f6"}, "R/F6", "rename/move"),
		Mkdir:       bind([]string{"n", "f7"}, "n/F7", "new folder"),
		EditMeta:    bind([]string{"e"}, "e", "edit metadata"),
		Versions:    bind([]string{"v"}, "v", "versions"),
		Preview:     bind([]string{"p"}, "p", "preview"),
		PreviewDown: bind([]string{"J", "shift+down"}, "J", "scroll preview down"),
		PreviewUp:   bind([]string{"K", "shift+up"}, "K", "scroll preview up"),
		PreviewWrap: bind([]string{"W"}, "W", "wrap preview lines"),
		SwitchKind:  bind([]string{"w"}, "w", "local ⇄ S3"),
		Connections: bind([]string{"@"}, "@", "connections"),

		NewBucket:    bind([]string{"n", "f7"}, "n/F7", "new bucket"),
		DeleteBucket: bind([]string{"d", "f8"}, "d/F8", "delete bucket"),

		FormNext:   bind([]string{"tab", "down"}, "tab/↓", "next field"),
		FormPrev:   bind([]string{"shift+tab", "up"}, "shift+tab/↑", "previous field"),
		FormSubmit: bind([]string{"enter"}, "enter", "next/ok"),
		FormSave:   bind([]string{"ctrl+s"}, "ctrl+s", "save"),
		FormCancel: bind([]string{"esc"}, "esc", "cancel"),
		FormLeft:   bind([]string{"left"}, "←", "previous choice"),
		FormRight:  bind([]string{"right"}, "→", "next choice"),

		VersionDownload: bind([]string{"d"}, "d", "download version"),
		VersionShare:    bind([]string{"s"}, "s", "share link"),
		VersionRestore:  bind([]string{"r"}, "r", "restore as latest"),

		Incomplete:         bind([]string{"U"}, "U", "incomplete uploads"),
		IncompleteAbort:    bind([]string{"d", "x"}, "d", "abort upload"),
		IncompleteAbortAll: bind([]string{"A"}, "A", "abort all"),
		IncompleteRefresh:  bind([]string{"r"}, "r", "refresh"),
	}
}

// paneActions are the operation keys live with the global and pane keys
// inside a folder or bucket.
func (o *OpsKeys) paneActions() []action {
	return []action{
		{"pane.delete", &o.Delete}, {"pane.move", &o.Move}, {"pane.mkdir", &o.Mkdir},
		{"pane.edit_meta", &o.EditMeta}, {"pane.versions", &o.Versions},
		{"pane.preview", &o.Preview}, {"pane.preview_down", &o.PreviewDown}, {"pane.preview_up", &o.PreviewUp},
		{"pane.preview_wrap", &o.PreviewWrap},
		{"pane.switch_kind", &o.SwitchKind}, {"pane.connections", &o.Connections}, {"pane.incomplete", &o.Incomplete},
	}
}

// bucketActions are the keys that replace new folder and delete in the
// bucket list.
func (o *OpsKeys) bucketActions() []action {
	return []action{{"pane.new_bucket", &o.NewBucket}, {"pane.delete_bucket", &o.DeleteBucket}}
}

func (o *OpsKeys) formActions() []action {
	return []action{
		{"form.next", &o.FormNext}, {"form.prev", &o.FormPrev}, {"form.submit", &o.FormSubmit},
		{"form.save", &o.FormSave}, {"form.cancel", &o.FormCancel},
		{"form.left", &o.FormLeft}, {"form.right", &o.FormRight},
	}
}

func (o *OpsKeys) incompleteActions() []action {
	return []action{
		{"incomplete.abort", &o.IncompleteAbort}, {"incomplete.abort_all", &o.IncompleteAbortAll},
		{"incomplete.refresh", &o.IncompleteRefresh},
	}
}

func (o *OpsKeys) versionActions() []action {
	return []action{
		{"versions.download", &o.VersionDownload}, {"versions.share", &o.VersionShare},
		{"versions.restore", &o.VersionRestore},
	}
}

// inFolderOnly are the pane actions that do nothing in the bucket list,
// where the bucket keys take their place.
var inFolderOnly = map[string]bool{"pane.delete": true, "pane.move": true, "pane.mkdir": true,
	"pane.edit_meta": true, "pane.versions": true}

// addScopes puts the operation keys into the global-and-pane scope
// (scopes[0]) and adds the scopes where the others are live: the bucket
// list (the global and pane keys, less the folder-only operations, plus
// the bucket keys), the operation forms and the versions dialog (with
// the dialog keys).
func (o *OpsKeys) addScopes(scopes []scope) []scope {
	scopes[0].actions = append(scopes[0].actions, o.paneActions()...)
	var bucketList, dialog []action
	for _, a := range scopes[0].actions {
		if !inFolderOnly[a.name] {
			bucketList = append(bucketList, a)
		}
	}
	for _, s := range scopes {
		for _, a := range s.actions {
			if strings.HasPrefix(a.name, "dialog.") {
				dialog = append(dialog, a)
			}
		}
	}
	return append(scopes,
		scope{"bucket list", append(bucketList, o.bucketActions()...)},
		scope{"operation form", o.formActions()},
		scope{"versions dialog", append(slices.Clone(dialog), o.versionActions()...)},
		scope{"incomplete uploads dialog", append(slices.Clone(dialog), o.incompleteActions()...)})
}

// FolderHelp is the operation keys' column of the full help in a folder.
func (o OpsKeys) FolderHelp() []key.Binding {
	return []key.Binding{o.Delete, o.Move, o.Mkdir, o.EditMeta, o.Versions, o.Incomplete, o.Preview, o.PreviewDown, o.PreviewUp,
		o.PreviewWrap, o.SwitchKind, o.Connections}
}

// BucketHelp is the operation keys' column of the full help in the
// bucket list.
func (o OpsKeys) BucketHelp() []key.Binding {
	return []key.Binding{o.NewBucket, o.DeleteBucket, o.Incomplete, o.Preview, o.SwitchKind, o.Connections}
}
