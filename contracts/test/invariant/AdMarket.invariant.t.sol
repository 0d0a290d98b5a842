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
        market = new AdMarket(token, address(this), treasury, settler, address(this), 0.01e18, 1 days);
        handler = new MarketHandler(market, token, settler, address(this), treasury);
        targetContract(address(handler));
    }

    /// @dev escrow = unspent budgets + activated spend - claimed, with the spend of epochs still
    /// pending counted apart (it is neither unspent nor claimable yet): the escrow is exactly every
    /// budget left plus everything settled minus what was claimed.
    function invariant_escrowEqualsUnspentPlusActivatedMinusClaimed() public view {
        if (market.undoEpochId() != 0) return; // mid-undo the campaigns still hold vetoed spend
        uint256 unspent;
        uint256 spentSum;
        for (uint256 id = 1; id <= market.campaignCount(); ++id) {
            IAdMarket.Campaign memory c = market.getCampaign(id);
            unspent += c.budget - c.spent;
            spentSum += c.spent;
        }
        uint256 pendingSpend = market.settledTotal() - market.activeTotal();
        assertEq(spentSum, market.settledTotal());
        assertEq(
            token.balanceOf(address(market)),
            unspent + pendingSpend + market.activeTotal() - market.totalClaimed()
        );
    }

    /// @dev An activated epoch's claims are always payable: the escrow holds every activated but
    /// unclaimed earning on top of the unspent budgets (the handler also asserts each such claim pays).
    function invariant_activatedClaimsArePayable() public view {
        assertLe(market.totalClaimed(), market.activeTotal());
        assertGe(token.balanceOf(address(market)), market.activeTotal() - market.totalClaimed());
        assertLe(market.activeTotal(), market.settledTotal());
    }

    /// @dev The active epoch never moves back (the handler checks after every call that may move it).
    function invariant_activeEpochNeverMovesBack() public view {
        assertEq(market.activeEpochId(), handler.ghostMaxActive());
        assertLe(market.activeEpochId(), market.lastEpochId());
    }

    function invariant_spendNeverExceedsBudget() public view {
        for (uint256 id = 1; id <= market.campaignCount(); ++id) {
            IAdMarket.Campaign memory c = market.getCampaign(id);
            assertLe(c.spent, c.budget);
        }
    }

    function invariant_claimedNeverExceedsActivated() public view {
        assertLe(handler.ghostClaimed(), market.activeTotal());
        assertEq(market.totalClaimed(), handler.ghostClaimed());
        assertEq(
            market.claimed(handler.EARNER_X()) + market.claimed(handler.EARNER_Y()), handler.ghostClaimed()
        );
    }
}
