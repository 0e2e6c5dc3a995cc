import NIOCore
import NIOHTTP1
import NIOPosix
import SigConform

/// The HTTP/1.1 server of `sigconform serve` (SwiftNIO): listens on loopback unless told
/// otherwise, keeps connections alive, reads whole requests up to a size limit, verifies each on
/// a thread pool (a diagnosis may search for a while; the event loops keep answering), and
/// answers bad HTTP with 400 (NIO's error handler) instead of failing.
package final class ServeServer: @unchecked Sendable {
    /// One listening socket and the venues behind it.
    package struct Listener: Sendable {
        package var venues: [MockVenue]
        /// 0 picks a free port.
        package var port: Int
        package init(venues: [MockVenue], port: Int) {
            self.venues = venues
            self.port = port
        }
    }

    /// Bounds on what one request may hold.
    package struct Limits: Sendable {
        /// The body, in bytes; a larger one gets 413 and the connection is closed.
        package var maxBodyBytes: Int = 1 << 20
        /// One header line, and all header lines together, in bytes (NIO's parser answers 400 past them).
        package var maxHeaderBytes: Int = 64 << 10
        package init() {}
    }

    /// Where a venue is reachable.
    package struct Endpoint: Sendable, Equatable {
        package var venue: String
        package var url: String
    }

    let host: String
    let listeners: [Listener]
    let session: ServeSession
    let limits: Limits
    let group: MultiThreadedEventLoopGroup
    let pool: NIOThreadPool
    private var channels: [Channel] = []

    /// `threads` event loops and as many verification threads (at least one each).
    package init(host: String, listeners: [Listener], session: ServeSession, limits: Limits = Limits(), threads: Int) {
        self.host = host
        self.listeners = listeners
        self.session = session
        self.limits = limits
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        self.pool = NIOThreadPool(numberOfThreads: max(1, threads))
    }

    /// Binds every listener; returns each venue's base URL.
    package func start() throws -> [Endpoint] {
        pool.start()
        var endpoints: [Endpoint] = []
        for listener in listeners {
            let router = VenueRouter(venues: listener.venues)
            let session = self.session
            let pool = self.pool
            let limits = self.limits
            let decoderLimits = {
                var configuration = NIOHTTPDecoderLimitConfiguration()
                configuration.maxHeaderFieldSize = limits.maxHeaderBytes
                configuration.maxHeaderListSize = limits.maxHeaderBytes
                return configuration
            }()
            let bootstrap = ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline(
                            withPipeliningAssistance: true, withErrorHandling: true, withEncoderConfiguration: HTTPResponseEncoder.Configuration(),
                            withDecoderLimitConfiguration: decoderLimits)
                        try channel.pipeline.syncOperations.addHandler(
                            ServeHandler(router: router, session: session, pool: pool, maxBodyBytes: limits.maxBodyBytes))
                    }
                }
                .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.maxMessagesPerRead, value: 16)
            let channel = try bootstrap.bind(host: host, port: listener.port).wait()
            channels.append(channel)
            let port = channel.localAddress?.port ?? listener.port
            let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
            for venue in listener.venues {
                let prefix = listener.venues.count == 1 ? "" : "/\(venue.venue.id)"
                endpoints.append(Endpoint(venue: venue.venue.id, url: "http://\(authority)\(prefix)"))
            }
        }
        return endpoints
    }

    /// Closes the listeners and every connection, and waits for the threads to end.
    package func stop() {
        for channel in channels { try? channel.close().wait() }
        channels = []
        try? group.syncShutdownGracefully()
        try? pool.syncShutdownGracefully()
    }
}

/// Reads one request at a time from a connection and answers it.
final class ServeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let router: VenueRouter
    let session: ServeSession
    let pool: NIOThreadPool
    let maxBodyBytes: Int
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var tooLarge = false

    init(router: VenueRouter, session: ServeSession, pool: NIOThreadPool, maxBodyBytes: Int) {
        self.router = router
        self.session = session
        self.pool = pool
        self.maxBodyBytes = maxBodyBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let requestHead):
            head = requestHead
            body.removeAll(keepingCapacity: true)
            tooLarge = false
        case .body(let chunk):
            guard !tooLarge else { return }
            if body.count + chunk.readableBytes > maxBodyBytes {
                tooLarge = true
                body = []
            } else {
                body += chunk.readableBytesView
            }
        case .end:
            guard let requestHead = head else { return }
            head = nil
            if tooLarge {
                respond(context: context, head: requestHead, ServedResponse(status: 413, body: #"{"error":"the request body is larger than the server's limit"}"#), close: true, count: false)
                return
            }
            handle(context: context, head: requestHead, body: body)
        }
    }

    /// A request NIO could not parse has had its 400 (HTTPServerProtocolErrorHandler), which
    /// says `Connection: close`: close it, so the connection does not stay open for nothing.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    func handle(context: ChannelHandlerContext, head: HTTPRequestHead, body: [UInt8]) {
        guard let bodyText = String(validating: body, as: UTF8.self) else {
            respond(context: context, head: head, ServedResponse(status: 400, body: #"{"error":"the request body is not UTF-8"}"#), close: false, count: true)
            return
        }
        let (path, query) = Self.splitTarget(head.uri)
        guard let (mock, venuePath) = router.route(path) else {
            let known = router.venues.map { "/\($0.venue.id)" }.joined(separator: ", ")
            respond(context: context, head: head, ServedResponse(status: 404, body: #"{"error":"no venue at this path; prefix it with one of \#(known)"}"#),
                    close: false, count: true)
            return
        }
        let request = HTTPRequest(method: head.method.rawValue, host: head.headers.first(name: "Host"), path: venuePath, query: query,
                                  headers: HTTPHeaders(head.headers.map { ($0.name, $0.value) }), body: bodyText)
        let session = self.session
        let id = session.nextRequestID()
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        pool.runIfActive(eventLoop: loop) {
            let exchange = mock.answer(request, serverTime: session.serverTime, id: id)
            session.add(exchange)
            return exchange.response
        }.whenComplete { result in
            let (handler, context) = bound.value
            let response = (try? result.get()) ?? ServedResponse(status: 503, body: #"{"error":"the server is stopping"}"#)
            handler.respond(context: context, head: head, response, close: false, count: true)
        }
    }

    func respond(context: ChannelHandlerContext, head: HTTPRequestHead, _ response: ServedResponse, close: Bool, count: Bool) {
        let keepAlive = head.isKeepAlive && !close
        var headers = NIOHTTP1.HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json")
        headers.add(name: "Content-Length", value: String(response.body.utf8.count))
        for field in response.headers { headers.add(name: field.name, value: field.value) }
        if !keepAlive { headers.add(name: "Connection", value: "close") }
        var responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        if head.version == .http1_0 && keepAlive { responseHead.headers.add(name: "Connection", value: "keep-alive") }
        context.write(wrapOutboundOut(.head(responseHead)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.utf8.count)
        buffer.writeString(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let session = self.session
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if !keepAlive { channel.close(promise: nil) }
            if count { session.answerSent() }
        }
    }

    /// The path and the raw query of a request target (origin form, or absolute form with its authority dropped).
    static func splitTarget(_ uri: String) -> (path: String, query: String) {
        var target = Substring(uri)
        if let scheme = target.range(of: "://"), target.hasPrefix("http") {
            target = target[scheme.upperBound...]
            target = target.firstIndex(of: "/").map { target[$0...] } ?? "/"
        }
        guard let mark = target.firstIndex(of: "?") else { return (String(target), "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}
