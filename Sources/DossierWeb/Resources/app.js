// dossier's page: the changes the daemon reports, as they happen (Server-Sent Events).
// Everything a change carries is put in the page as text, never as markup.
(function () {
    'use strict';
    if (!window.EventSource || document.body.getAttribute('data-live') !== 'on') {
        return;
    }
    var list = document.getElementById('changes');
    var live = document.getElementById('live');
    var words = {
        added: 'added', updated: 'changed', removed: 'removed', renamed: 'renamed',
        failed: 'could not be read', corrected: 'corrected', reverted: 'correction undone'
    };

    function item(change) {
        var li = document.createElement('li');
        li.className = 'change change-' + change.kind;
        var what = document.createElement('span');
        what.className = 'what';
        what.textContent = (words[change.kind] || change.kind) + ' ';
        li.appendChild(what);
        if (change.link && change.link.charAt(0) === '/' && change.link.charAt(1) !== '/') {
            var a = document.createElement('a');
            a.href = change.link;
            a.textContent = change.label;
            li.appendChild(a);
        } else {
            li.appendChild(document.createTextNode(change.label));
        }
        return li;
    }

    var source = new EventSource('/events');
    source.addEventListener('open', function () {
        document.body.setAttribute('data-following', 'yes');
    });
    source.addEventListener('error', function () {
        document.body.setAttribute('data-following', 'no');
    });
    source.addEventListener('change', function (event) {
        var change;
        try {
            change = JSON.parse(event.data);
        } catch (error) {
            return;
        }
        if (list) {
            var empty = list.querySelector('.empty');
            if (empty) {
                list.removeChild(empty);
            }
            list.insertBefore(item(change), list.firstChild);
            while (list.children.length > 50) {
                list.removeChild(list.lastChild);
            }
        }
        if (live) {
            live.textContent = (words[change.kind] || change.kind) + ': ' + change.label;
        }
        var generation = document.getElementById('generation');
        if (generation) {
            generation.textContent = String(change.generation);
        }
    });
})();
