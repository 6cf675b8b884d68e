// dossier's network page: the names as a graph drawn with D3 (Debian's libjs-d3, version 3).
// Drag a name, scroll or pinch to zoom; a name opens its page, a line the sentences that join
// the two. The data comes from the page's own server as JSON; names are set as text.
(function () {
    'use strict';
    var holder = document.getElementById('graph');
    if (!holder) {
        return;
    }
    if (!window.d3 || !window.d3.layout) {
        document.getElementById('graph-missing').hidden = false;
        return;
    }
    var request = new XMLHttpRequest();
    request.open('GET', holder.getAttribute('data-source'));
    request.responseType = 'json';
    request.onload = function () {
        if (request.status === 200 && request.response) {
            draw(request.response);
        }
    };
    request.send();

    function draw(data) {
        var width = holder.clientWidth || 800;
        var height = Math.max(360, Math.min(560, Math.round(width * 0.6)));
        var svg = d3.select(holder).append('svg')
            .attr('viewBox', '0 0 ' + width + ' ' + height)
            .attr('width', '100%')
            .attr('height', height)
            .attr('focusable', 'false');
        var layer = svg.append('g');
        svg.call(d3.behavior.zoom().scaleExtent([0.25, 5]).on('zoom', function () {
            layer.attr('transform', 'translate(' + d3.event.translate + ')scale(' + d3.event.scale + ')');
        }));
        var heaviest = d3.max(data.edges, function (edge) { return edge.weight; }) || 1;
        var most = d3.max(data.nodes, function (node) { return node.mentions; }) || 1;
        var force = d3.layout.force()
            .nodes(data.nodes)
            .links(data.edges)
            .size([width, height])
            .charge(-260)
            .linkDistance(function (edge) { return 140 - 80 * edge.weight / heaviest; })
            .gravity(0.08);
        var drag = force.drag().on('dragstart', function () {
            d3.event.sourceEvent.stopPropagation();
        });
        var links = layer.selectAll('a.edge').data(data.edges).enter().append('a')
            .attr('class', 'edge')
            .attr('xlink:href', function (edge) { return edge.link; });
        links.append('title').text(function (edge) { return edge.label; });
        links.append('line').attr('class', 'hit');
        links.append('line').attr('class', 'link')
            .attr('stroke-width', function (edge) { return 1 + 7 * Math.sqrt(edge.weight / heaviest); });
        var nodes = layer.selectAll('g.node').data(data.nodes).enter().append('g')
            .attr('class', function (node) { return 'node kind-' + node.kind; })
            .call(drag)
            .on('click', function (node) {
                if (!d3.event.defaultPrevented) {
                    window.location.href = node.link;
                }
            });
        nodes.append('circle').attr('r', function (node) { return 5 + 12 * Math.sqrt(node.mentions / most); });
        nodes.append('text').attr('dx', 10).attr('dy', 4).text(function (node) { return node.name; });
        force.on('tick', function () {
            layer.selectAll('line')
                .attr('x1', function (edge) { return edge.source.x; })
                .attr('y1', function (edge) { return edge.source.y; })
                .attr('x2', function (edge) { return edge.target.x; })
                .attr('y2', function (edge) { return edge.target.y; });
            nodes.attr('transform', function (node) { return 'translate(' + node.x + ',' + node.y + ')'; });
        });
        force.on('end', function () {
            holder.setAttribute('data-settled', 'yes');
        });
        force.start();
    }
})();
