// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "forge-std/Test.sol";
import {AdMarket} from "../../src/AdMarket.sol";
import {HexToken} from "../../src/HexToken.sol";
import {IAdMarket} from "../../src/interfaces/IAdMarket.sol";
import {MarketHandler} from "./MarketHandler.sol";

contract AdMarketInvariantTest is Test {
    AdMarket internal market;
    HexToken internal token;
    MarketHandler internal handler;

    function setUp() public {
        address treasury = makeAddr("treasury");
        address settler = makeAddr("settler");
        token = new HexToken(treasury);
        market = new AdMarket(token, address(this), treasury, settler, address(this), 0.01e18, 0);
        handler = new MarketHandler(market, token, settler, treasury);
        targetContract(address(handler));
    }

    /// @dev The escrow always covers every unspent budget plus every settled-but-unclaimed earning.
    function invariant_escrowCoversBudgetsAndEarnings() public view {
        uint256 unspent;
        for (uint256 id = 1; id <= market.campaignCount(); ++id) {
            IAdMarket.Campaign memory c = market.getCampaign(id);
            if (!c.withdrawn) unspent += c.budget - c.spent;
        }
        assertGe(token.balanceOf(address(market)), unspent + market.settledTotal() - handler.ghostClaimed());
    }

    function invariant_spendNeverExceedsBudget() public view {
        uint256 spentSum;
        for (uint256 id = 1; id <= market.campaignCount(); ++id) {
            IAdMarket.Campaign memory c = market.getCampaign(id);
            assertLe(c.spent, c.budget);
            spentSum += c.spent;
        }
        // Per-epoch conservation: the settled total is exactly the sum of campaign spend.
        assertEq(market.settledTotal(), spentSum);
    }

    function invariant_claimedNeverExceedsSettled() public view {
        assertLe(handler.ghostClaimed(), market.settledTotal());
        assertEq(market.totalClaimed(), handler.ghostClaimed());
        assertEq(
            market.claimed(handler.EARNER_X()) + market.claimed(handler.EARNER_Y()), handler.ghostClaimed()
        );
    }
}
