"""The bot's own tests. In CI they run against sigconform serve, which checks every signature."""
import bot


def test_reads_the_usdt_balance():
    assert bot.free_balance(bot.exchange(), "USDT") > 0


def test_places_a_limit_order():
    order = bot.place_limit_buy(bot.exchange(), "BTCUSDT", "0.001", "20000")
    assert order["status"] == "NEW"


def test_places_an_order_with_a_client_id():
    client = bot.exchange()
    order = client.private_post_order({"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                                       "quantity": "0.001", "price": "20000", "newClientOrderId": "bot-1"})
    assert order["orderId"] == 1
